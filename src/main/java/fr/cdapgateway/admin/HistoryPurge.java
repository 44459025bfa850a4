package fr.cdapgateway.admin;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import fr.cdapgateway.trace.TraceRecorder;
import fr.cdapgateway.config.SqlTime;

/**
 * Habilitation data is kept 6 years after the habilitation or the account ends (SPEC §1, §8), then purged:
 * accounts devalidated and habilitations ended before the limit, with their history. Each purge is traced.
 */
@Component
public class HistoryPurge {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryPurge.class);

    private final JdbcClient jdbc;
    private final AccessChanges changes;
    private final TraceRecorder traces;
    private final Clock clock;
    private final Period retention;

    HistoryPurge(JdbcClient jdbc, AccessChanges changes, TraceRecorder traces, Clock clock,
                 @Value("${gateway.retention.habilitation-history:6y}") Period retention) {
        this.jdbc = jdbc;
        this.changes = changes;
        this.traces = traces;
        this.clock = clock;
        this.retention = retention;
    }

    @Scheduled(cron = "${gateway.retention.purge-cron:0 30 3 * * *}", zone = "Europe/Paris")
    public void purge() {
        Instant limit = clock.instant().atOffset(ZoneOffset.UTC).minus(retention).toInstant();
        int[] counts = changes.apply(() -> {
            List<Long> accounts = jdbc.sql("select id from utilisateur where devalide_le < :limit")
                    .param("limit", SqlTime.utc(limit)).query(Long.class).list();
            List<Long> habilitations = jdbc.sql("""
                    select id from habilitation
                     where terminee_le < :limit or utilisateur_id in (select id from utilisateur where devalide_le < :limit)""")
                    .param("limit", SqlTime.utc(limit)).query(Long.class).list();
            int history = 0;
            for (Long id : habilitations) {
                history += jdbc.sql("delete from historique where objet_type = 'HABILITATION' and objet_id = :id")
                        .param("id", String.valueOf(id)).update();
                jdbc.sql("delete from habilitation where id = :id").param("id", id).update();
            }
            for (Long id : accounts) {
                String login = jdbc.sql("select login from utilisateur where id = :id").param("id", id)
                        .query(String.class).single();
                history += jdbc.sql("delete from historique where objet_type = 'UTILISATEUR' and objet_id = :login")
                        .param("login", login).update();
                jdbc.sql("delete from groupe_membre where utilisateur_id = :id").param("id", id).update();
                jdbc.sql("delete from utilisateur where id = :id").param("id", id).update();
            }
            return new int[] {accounts.size(), habilitations.size(), history};
        });
        traces.recordInternal("PURGE_HISTORIQUE", "comptes:" + counts[0] + ",habilitations:" + counts[1]
                + ",historique:" + counts[2]);
        LOG.info("habilitation history purge before {}: {} accounts, {} habilitations, {} history rows",
                limit, counts[0], counts[1], counts[2]);
    }
}
