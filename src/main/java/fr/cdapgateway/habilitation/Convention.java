package fr.cdapgateway.habilitation;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A convention between a CAF and a partner: mode, declared purposes, quotas per service and profile, the dates it
 * is in force (from {@code dateDebut}, up to and including {@code dateFin} when it is ended), the day its access was
 * opened (once its mandatory contacts were filled, SPEC §14.8) and what to do with another CAF's dossiers (§14.11).
 */
public record Convention(String numero, String caf, String partenaireNom, String partenaireSiret, String mode,
                         List<String> motifs, Map<String, Map<String, Integer>> quotas, LocalDate dateDebut,
                         LocalDate dateFin, LocalDate ouverteLe, OtherCaf autresCaf) {

    /** A dossier held by another CAF than the convention's: served, served and reported, or refused. */
    public enum OtherCaf { AUTORISER, SIGNALER, REFUSER }

    /** Whether the convention is in force on that day: outside its dates its partner can neither consult nor manage. */
    public boolean inForceOn(LocalDate day) {
        return (dateDebut == null || !day.isBefore(dateDebut)) && (dateFin == null || !day.isAfter(dateFin))
                && opened(day);
    }

    /** Whether its access is open on that day. */
    public boolean opened(LocalDate day) {
        return ouverteLe != null && !day.isBefore(ouverteLe);
    }

    public boolean declaresMotifs() {
        return !motifs.isEmpty();
    }
}
