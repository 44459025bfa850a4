package fr.cdapgateway.trace;

import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Writes a trace row and returns once it is committed (auto-commit): durable before the answer leaves. */
@Component
class TraceWriter {

    private final JdbcClient jdbc;

    TraceWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void write(TraceRecord trace) {
        jdbc.sql("""
                insert into trace (horodatage, request_id, utilisateur, convention, service, profil, action,
                                   numero_allocataire, motif, statut, code, duree_ms, adresse_client, user_agent,
                                   indicateurs, objet)
                values (:horodatage, :requestId, :utilisateur, :convention, :service, :profil, :action,
                        :numeroAllocataire, :motif, :statut, :code, :dureeMs, :adresseClient, :userAgent,
                        :indicateurs, :objet)""")
                .param("horodatage", trace.horodatage().atOffset(ZoneOffset.UTC))
                .param("requestId", trace.requestId())
                .param("utilisateur", trace.utilisateur())
                .param("convention", trace.convention())
                .param("service", trace.service())
                .param("profil", trace.profil())
                .param("action", trace.action())
                .param("numeroAllocataire", trace.numeroAllocataire())
                .param("motif", trace.motif())
                .param("statut", trace.statut())
                .param("code", trace.code())
                .param("dureeMs", trace.dureeMs())
                .param("adresseClient", trace.adresseClient())
                .param("userAgent", trace.userAgent())
                .param("indicateurs", trace.indicateurs().isEmpty() ? null : String.join(",", trace.indicateurs()))
                .param("objet", trace.objet())
                .update();
    }
}
