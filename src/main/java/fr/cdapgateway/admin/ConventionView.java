package fr.cdapgateway.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A convention as the admin API answers it and the console shows it: its partner, mode, subscribed quotas and what
 * is used of them today, purposes, dates (signature, opening, next anniversary, resiliation, closing) and the
 * settings of its service contract.
 */
public record ConventionView(String numero, String caf, ConventionAdmin.Partenaire partenaire, String mode,
                             Map<String, Map<String, Integer>> services,
                             Map<String, Map<String, Integer>> habilitationsUtilisees, List<String> motifs,
                             LocalDate dateDebut, LocalDate dateFin, LocalDate signeeLe, LocalDate ouverteLe,
                             LocalDate echeance, ConventionAdmin.Resiliation resiliation, Instant closeLe,
                             String autresCaf, Integer escaladeHeures) {

    /** Used and allowed habilitations of the CDAP service, by profile. */
    public record Quota(String profil, int utilisees, int maximum) {
    }

    /** The CDAP service's quotas, by profile, with what is used of each today. */
    public List<Quota> quotas() {
        Map<String, Integer> allowed = services.getOrDefault("CDAP", Map.of());
        Map<String, Integer> used = habilitationsUtilisees.getOrDefault("CDAP", Map.of());
        return allowed.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new Quota(e.getKey(), used.getOrDefault(e.getKey(), 0), e.getValue()))
                .toList();
    }
}
