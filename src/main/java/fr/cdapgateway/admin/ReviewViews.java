package fr.cdapgateway.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What the annual reverse review (SPEC §14.6) answers and shows, as records. */
public final class ReviewViews {

    private ReviewViews() {
    }

    /**
     * The report of a convention's review: every account still valid and each open habilitation it holds (its
     * own or its groups'), with their last use, consultations and flags; the quotas and their use.
     */
    public record Report(String convention, String partenaire, Instant genereLe, LastReview derniereRevue,
                         Map<String, Map<String, QuotaUse>> quotas, List<Account> comptes) {
    }

    /** Who attested the last review, and when. */
    public record LastReview(String attesteePar, Instant attesteeLe) {
    }

    /** A profile's quota and what is used of it today. */
    public record QuotaUse(int maximum, int utilisees) {
    }

    /** An account of the report. */
    public record Account(String login, String nom, String prenom, String role, String type, String statut,
                          Instant derniereConnexion, long consultations, List<String> indicateurs,
                          List<Habilitation> habilitations) {
    }

    /** An open habilitation an account holds ({@code groupe}: the group it holds it through, if any). */
    public record Habilitation(long id, String service, String profil, String groupe, Instant accordeeLe,
                               LocalDate dateDebut, LocalDate dateFin, String statut, Instant derniereUtilisation,
                               long consultations, List<String> indicateurs) {
    }

    /** An attestation just recorded: how many habilitations were kept and removed. */
    public record Attested(long revue, String convention, String attesteePar, long conservees, long retirees) {
    }

    /** An attested review as the CAF receives it: the signatory (when still known) and every decision. */
    public record Attestation(long revue, String convention, String caf, String cafNom, String partenaire,
                              String siret, String attesteePar,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String signataire,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String roleSignataire,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String fonctionSignataire,
                              Instant attesteeLe, List<Decision> decisions) {
    }

    /** The decision taken on one habilitation, with its holder and profile. */
    public record Decision(long habilitation, String titulaire, String service, String profil, String decision) {
    }

    /** An attested review in a convention's list. */
    public record Summary(long revue, String attesteePar, Instant attesteeLe) {
    }

    /** When a convention's next review is due, the days left (negative when overdue), and whether it is late. */
    public record Due(LocalDate echeance, long joursRestants, boolean enRetard) {
    }

    /** A convention in the CAF's follow-up of reviews. */
    public record Overview(String convention, String partenaire, Instant derniereRevue, Long derniereAttestation,
                           LocalDate echeance, long joursRestants, boolean enRetard) {
    }
}
