package fr.cdapgateway.api;

/**
 * The access a consultation runs under, once the habilitation check has passed (SPEC §6, §8): the habilitation's
 * id, the profile chosen among the caller's, and the purpose given.
 */
public record Grant(long habilitation, Profile profile, String motif) {
}
