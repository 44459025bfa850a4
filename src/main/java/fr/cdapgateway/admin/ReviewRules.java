package fr.cdapgateway.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The annual reverse review's rules (SPEC §14.6) on typed inputs: when a review is due, how an account is flagged,
 * what an attestation must hold. Used by {@link ReverseReview}.
 */
final class ReviewRules {

    /** Keep or remove: the only decisions an attestation takes. */
    static final Set<String> DECISIONS = Set.of("CONSERVER", "RETIRER");

    private ReviewRules() {
    }

    /** Due twelve months after the last review (or the convention's start); days left, negative when overdue. */
    static ReviewViews.Due due(LocalDate last, LocalDate today) {
        LocalDate dueOn = last.plusMonths(12);
        long daysLeft = ChronoUnit.DAYS.between(today, dueOn);
        return new ReviewViews.Due(dueOn, daysLeft, daysLeft < 0);
    }

    /** What the review points out about an account: never or long not used, suspended, locked. */
    static List<String> accountFlags(Instant lastLogin, Instant suspendedAt, Instant lockedAt, Instant unusedSince) {
        List<String> flags = new ArrayList<>();
        if (lastLogin == null) {
            flags.add("JAMAIS_CONNECTE");
        } else if (lastLogin.isBefore(unusedSince)) {
            flags.add("INUTILISE_90_JOURS");
        }
        if (suspendedAt != null) {
            flags.add("SUSPENDU");
        }
        if (lockedAt != null) {
            flags.add("VERROUILLE");
        }
        return flags;
    }

    /**
     * The decisions of an attestation, by habilitation: one per open habilitation ({@code open}), each CONSERVER or
     * RETIRER, none about another habilitation, none twice. Refused whole (400) otherwise.
     */
    static Map<Long, String> decisions(ReverseReview.Attestation attestation, Set<Long> open) {
        ConventionAdmin.require(attestation.decisions() != null, "decisions obligatoire");
        Map<Long, String> decisions = new TreeMap<>();
        for (ReverseReview.Attestation.Item item : attestation.decisions()) {
            ConventionAdmin.require(item != null && item.habilitation() != null && open.contains(item.habilitation()),
                    "habilitation inconnue ou déjà terminée : " + (item == null ? null : item.habilitation()));
            ConventionAdmin.require(DECISIONS.contains(item.decision()), "decision : CONSERVER ou RETIRER");
            ConventionAdmin.require(decisions.put(item.habilitation(), item.decision()) == null,
                    "habilitation citée deux fois : " + item.habilitation());
        }
        List<Long> missing = open.stream().filter(id -> !decisions.containsKey(id)).sorted().toList();
        ConventionAdmin.require(missing.isEmpty(), "Une décision est attendue pour chaque habilitation ouverte ; "
                + "manquent : " + missing);
        return decisions;
    }
}
