package fr.cdapgateway.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fr.cdapgateway.api.Sanitizer;
import fr.cdapgateway.config.SqlTime;

/** Who did what to which account, habilitation, group or convention, and when (SPEC §8: kept 6 years). */
@Component
class HistoryLog {

    enum Kind { UTILISATEUR, HABILITATION, GROUPE, CONVENTION, DEMANDE, REVUE }

    private final JdbcClient jdbc;
    private final Clock clock;

    HistoryLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void record(String actor, String convention, Kind kind, Object id, String action, String detail) {
        jdbc.sql("""
                insert into historique (horodatage, acteur, convention, objet_type, objet_id, action, detail)
                values (:now, :actor, :convention, :kind, :id, :action, :detail)""")
                .param("now", SqlTime.utc(clock.instant()))
                .param("actor", actor)
                .param("convention", convention)
                .param("kind", kind.name())
                .param("id", String.valueOf(id))
                .param("action", action)
                .param("detail", Sanitizer.clean(detail, 1000))
                .update();
    }

    /**
     * The history of an account and of every habilitation it held, oldest first: one shape on H2 and PostgreSQL
     * (an instant in UTC, camelCase names), as api/openapi.json declares it.
     */
    List<HistoryEntry> ofAccount(String login, List<Long> habilitationIds) {
        return jdbc.sql("""
                select horodatage, acteur, objet_type, objet_id, action, detail from historique
                 where (objet_type = 'UTILISATEUR' and objet_id = :login)
                    or (objet_type = 'HABILITATION' and objet_id in (:ids))
                 order by id""")
                .param("login", login)
                .param("ids", habilitationIds.isEmpty() ? List.of("-") : habilitationIds.stream().map(String::valueOf).toList())
                .query((rs, row) -> new HistoryEntry(rs.getTimestamp("horodatage").toInstant(), rs.getString("acteur"),
                        rs.getString("objet_type"), rs.getString("objet_id"), rs.getString("action"),
                        rs.getString("detail")))
                .list();
    }
}
