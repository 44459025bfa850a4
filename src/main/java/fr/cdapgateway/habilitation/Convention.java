package fr.cdapgateway.habilitation;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A convention between a CAF and a partner: mode, declared purposes, quotas per service and profile, and the
 * dates it is in force (from {@code dateDebut}, up to and including {@code dateFin} when it is ended).
 */
public record Convention(String numero, String caf, String partenaireNom, String partenaireSiret, String mode,
                         List<String> motifs, Map<String, Map<String, Integer>> quotas, LocalDate dateDebut,
                         LocalDate dateFin) {

    /** Whether the convention is in force on that day: outside its dates its partner can neither consult nor manage. */
    public boolean inForceOn(LocalDate day) {
        return (dateDebut == null || !day.isBefore(dateDebut)) && (dateFin == null || !day.isAfter(dateFin));
    }

    public boolean declaresMotifs() {
        return !motifs.isEmpty();
    }
}
