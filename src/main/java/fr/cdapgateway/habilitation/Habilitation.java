package fr.cdapgateway.habilitation;

import java.time.Instant;
import java.time.LocalDate;

/** A user's habilitation to a service with a profile, valid from {@code dateDebut} to {@code dateFin} included. */
public record Habilitation(long id, String convention, String service, String profil, LocalDate dateDebut,
                           LocalDate dateFin, Instant suspendedAt, Instant endedAt) {

    public boolean activeOn(LocalDate day) {
        return suspendedAt == null && endedAt == null && !day.isBefore(dateDebut)
                && (dateFin == null || !day.isAfter(dateFin));
    }
}
