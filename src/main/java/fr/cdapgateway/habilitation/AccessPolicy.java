package fr.cdapgateway.habilitation;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import fr.cdapgateway.api.Grant;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.api.Profile;

/**
 * Who may consult what (SPEC §6, §8): an active habilitation to the service, the profile chosen among them,
 * the profile allowed for the resource, a purpose the convention declares, and the profile's precondition
 * that can be checked before the backend is called. Pure logic, no I/O: unit-testable on its own.
 */
public final class AccessPolicy {

    public static final String SERVICE = "CDAP";
    private static final Pattern PROFILE_CODE = Pattern.compile("T\\d{1,2}");
    private static final Pattern MOTIF = Pattern.compile("[A-Z0-9_]{1,60}");

    /** What the caller asks for: the resource, and the X-Profil, X-Motif, X-Numero-Instructeur headers. */
    public record Demand(boolean quotientFamilial, String requestedProfile, String motif, String numeroInstructeur) {
    }

    private final ProfileCatalog catalog;

    public AccessPolicy(ProfileCatalog catalog) {
        this.catalog = catalog;
    }

    public Grant decide(String registeredInstructeur, Convention convention, List<Habilitation> habilitations,
                        Demand demand, LocalDate today) {
        List<Habilitation> active = habilitations.stream()
                .filter(h -> SERVICE.equals(h.service()) && h.activeOn(today))
                .filter(h -> convention != null && convention.numero().equals(h.convention()))
                .toList();
        if (active.isEmpty()) {
            throw new ProblemException(Problem.NO_HABILITATION,
                    "Vous n'avez pas d'habilitation active au service CDAP.");
        }
        Habilitation chosen = choose(active, demand.requestedProfile());
        Profile profile = catalog.find(chosen.profil()).orElseThrow(() -> new ProblemException(Problem.FORBIDDEN,
                "Le profil " + chosen.profil() + " n'est pas configuré sur cette passerelle."));
        if (demand.quotientFamilial() && !profile.seesQuotientFamilial()) {
            throw new ProblemException(Problem.FORBIDDEN,
                    "Le profil " + profile.code() + " ne donne pas accès au quotient familial.");
        }
        String motif = checkMotif(convention, demand.motif());
        profile.refusalBeforeBackend(registeredInstructeur, demand.numeroInstructeur()).ifPresent(refusal -> {
            throw new ProblemException(Problem.PROFILE_PRECONDITION_FAILED, refusal);
        });
        return new Grant(chosen.id(), profile, motif);
    }

    private static Habilitation choose(List<Habilitation> active, String requestedProfile) {
        if (requestedProfile != null) {
            if (!PROFILE_CODE.matcher(requestedProfile).matches()) {
                throw new ProblemException(Problem.INVALID_REQUEST,
                        "L'en-tête X-Profil doit désigner un profil (T1, T2, T4, T5, T18).");
            }
            return active.stream().filter(h -> h.profil().equals(requestedProfile)).findFirst()
                    .orElseThrow(() -> new ProblemException(Problem.NO_HABILITATION,
                            "Vous n'avez pas d'habilitation active au service CDAP avec le profil "
                                    + requestedProfile + "."));
        }
        List<String> profiles = active.stream().map(Habilitation::profil).distinct().sorted().toList();
        if (profiles.size() > 1) {
            throw new ProblemException(Problem.INVALID_REQUEST,
                    "Vous avez plusieurs habilitations au service CDAP : choisissez le profil avec l'en-tête X-Profil.",
                    Map.of("profils", profiles));
        }
        return active.get(0);
    }

    private static String checkMotif(Convention convention, String motif) {
        if (!convention.declaresMotifs()) {
            return motif != null && MOTIF.matcher(motif).matches() ? motif : null;
        }
        if (motif == null || motif.isBlank()) {
            throw new ProblemException(Problem.MOTIF_REQUIRED,
                    "Indiquez le motif de la consultation (en-tête X-Motif) parmi : "
                            + String.join(", ", convention.motifs()) + ".",
                    Map.of("motifs", convention.motifs()));
        }
        if (!convention.motifs().contains(motif)) {
            throw new ProblemException(Problem.MOTIF_NOT_ALLOWED,
                    "Ce motif n'est pas prévu par la convention. Motifs déclarés : "
                            + String.join(", ", convention.motifs()) + ".",
                    Map.of("motifs", convention.motifs()));
        }
        return motif;
    }
}
