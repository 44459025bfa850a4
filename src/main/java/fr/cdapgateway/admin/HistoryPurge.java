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

import fr.cdapgateway.config.SqlTime;
import fr.cdapgateway.cluster.ClusterJobs;
import fr.cdapgateway.trace.TraceRecorder;

/**
 * Habilitation data is kept 6 years after the habilitation or the account ends (SPEC §1, §8), then purged:
 * accounts devalidated and habilitations ended before the limit, with their history; requests decided, reviews
 * attested and group memberships ended before the limit, with theirs. Pending requests and current memberships
 * are never purged. Each purge is traced.
 */
@Component
public class HistoryPurge {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryPurge.class);

    private final ClusterJobs jobs;
    private final JdbcClient jdbc;
    private final AccessChanges changes;
    private final TraceRecorder traces;
    private final Clock clock;
    private final Period retention;

    HistoryPurge(JdbcClient jdbc, AccessChanges changes, TraceRecorder traces, Clock clock, ClusterJobs jobs,
                 @Value("${gateway.retention.habilitation-history:6y}") Period retention) {
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.changes = changes;
        this.traces = traces;
        this.clock = clock;
        this.retention = retention;
    }

    private int purgeDecidedRequests(Instant limit) {
        List<Long> decided = jdbc.sql("select id from demande where statut <> 'EN_ATTENTE' and decidee_le < :limit")
                .param("limit", SqlTime.utc(limit)).query(Long.class).list();
        int history = 0;
        for (Long id : decided) {
            history += jdbc.sql("delete from historique where objet_type = 'DEMANDE' and objet_id = :id")
                    .param("id", String.valueOf(id)).update();
            jdbc.sql("delete from demande where id = :id").param("id", id).update();
        }
        return history;
    }

    /** A group's member removed at {@code fin} (the last RETRAIT_MEMBRE of that login in that group). */
    private record EndedMembership(String groupe, String login, java.sql.Timestamp fin) {
    }

    /** A membership ended (RETRAIT_MEMBRE) before the limit, the member not back since: its entries go. */
    private int purgeEndedMemberships(Instant limit) {
        List<EndedMembership> ended = jdbc.sql("""
                select h.objet_id, h.detail, max(h.horodatage) as fin from historique h
                 where h.objet_type = 'GROUPE' and h.action = 'RETRAIT_MEMBRE' and h.horodatage < :limit
                 group by h.objet_id, h.detail""")
                .param("limit", SqlTime.utc(limit))
                .query((rs, row) -> new EndedMembership(rs.getString("objet_id"), rs.getString("detail"),
                        rs.getTimestamp("fin")))
                .list();
        int history = 0;
        for (EndedMembership membership : ended) {
            boolean member = jdbc.sql("""
                    select count(*) from groupe_membre m join utilisateur u on u.id = m.utilisateur_id
                     where m.groupe_id = :groupe and u.login = :login""")
                    .param("groupe", Long.valueOf(membership.groupe()))
                    .param("login", membership.login()).query(Integer.class).single() > 0;
            if (!member) {
                history += jdbc.sql("""
                        delete from historique where objet_type = 'GROUPE' and objet_id = :groupe and detail = :login
                           and action in ('AJOUT_MEMBRE', 'RETRAIT_MEMBRE') and horodatage <= :fin""")
                        .param("groupe", membership.groupe()).param("login", membership.login())
                        .param("fin", membership.fin()).update();
            }
        }
        return history;
    }

    private int purgeReviews(Instant limit) {
        List<Long> reviews = jdbc.sql("select id from revue where attestee_le < :limit")
                .param("limit", SqlTime.utc(limit)).query(Long.class).list();
        for (Long id : reviews) {
            jdbc.sql("delete from revue_decision where revue_id = :id").param("id", id).update();
            jdbc.sql("delete from revue where id = :id").param("id", id).update();
        }
        return reviews.size();
    }

    /** Every instance fires it; one of a cluster runs it (ClusterJobs). */
    @Scheduled(cron = "${gateway.retention.purge-cron:0 30 3 * * *}", zone = "Europe/Paris")
    void scheduledPurge() {
        jobs.runOnce("purge-historique", ClusterJobs.DAILY_HOLD, this::purge);
    }

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
                // its activation and reset links, long dead: without this the account could never be purged
                jdbc.sql("delete from lien_compte where utilisateur_id = :id").param("id", id).update();
                jdbc.sql("delete from utilisateur where id = :id").param("id", id).update();
            }
            history += purgeDecidedRequests(limit) + purgeEndedMemberships(limit);
            int reviews = purgeReviews(limit);
            return new int[] {accounts.size(), habilitations.size(), history, reviews};
        });
        traces.recordInternal("PURGE_HISTORIQUE", "comptes:" + counts[0] + ",habilitations:" + counts[1]
                + ",historique:" + counts[2] + ",revues:" + counts[3]);
        LOG.info("habilitation history purge before {}: {} accounts, {} habilitations, {} history rows",
                limit, counts[0], counts[1], counts[2]);
    }
}
