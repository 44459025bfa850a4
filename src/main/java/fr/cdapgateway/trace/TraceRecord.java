package fr.cdapgateway.trace;

import java.time.Instant;
import java.util.List;

/** One request as the trace keeps it (SPEC §9): who, what, why, how it ended. No response data, no secret. */
public record TraceRecord(
        Instant horodatage,
        String requestId,
        String utilisateur,
        String convention,
        String service,
        String profil,
        String action,
        String numeroAllocataire,
        String motif,
        int statut,
        String code,
        int dureeMs,
        String adresseClient,
        String userAgent,
        List<String> indicateurs,
        String objet) {

    public TraceRecord {
        // the precision both H2 and PostgreSQL keep: the chain is computed on what is stored
        horodatage = horodatage.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        indicateurs = List.copyOf(indicateurs);
    }
}
