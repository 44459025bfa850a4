package fr.cdapgateway.statistics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import fr.cdapgateway.cluster.ClusterJobs;
import fr.cdapgateway.config.CafCalendar;
import fr.cdapgateway.config.SqlTime;
import fr.cdapgateway.trace.TracePurgeGuard;
import fr.cdapgateway.trace.TraceRecorder;

/**
 * Usage counts that outlive the traces (SPEC §14.7): every night, once per cluster, each local day not yet counted
 * is counted from the traces — per convention, month, profile, purpose, action, status and code, never a login or a
 * dossier number — and the counts are kept 6 years, so the annual bilan sees a whole year long after the traces'
 * 6 months. A day is counted once: its row in {@code statistique_jour} is written in the transaction that adds its
 * counts, so a second run (or a second instance) changes nothing. Missed days are caught up, the traces already
 * there are counted at the first start, and the trace purge counts what is left before it removes anything.
 */
@Component
public class UsageStatistics implements TracePurgeGuard {

    private static final Logger LOG = LoggerFactory.getLogger(UsageStatistics.class);
    /** What the SIGNALER setting of §14.11 adds to a served consultation's trace. */
    public static final String OTHER_CAF_FLAG = "DOSSIER_AUTRE_CAF"; // OtherCafDossiers.FLAG

    /** One count: a month of a convention, for one profile, purpose, action, status and code. */
    public record Count(YearMonth mois, String profil, String motif, String action, int statut, String code,
                        long nombre, long autreCaf) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final CafCalendar calendar;
    private final Clock clock;
    private final ClusterJobs jobs;
    private final TraceRecorder recorder;
    private final Period retention;

    UsageStatistics(JdbcClient jdbc, TransactionTemplate transactions, CafCalendar calendar, Clock clock,
                    ClusterJobs jobs, TraceRecorder recorder,
                    @Value("${gateway.statistics.retention:6y}") Period retention) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.calendar = calendar;
        this.clock = clock;
        this.jobs = jobs;
        this.recorder = recorder;
        this.retention = retention;
    }

    /** Every night, before the trace purge; every instance fires it, one of a cluster runs it. */
    @Scheduled(cron = "${gateway.statistics.cron:0 30 1 * * *}", zone = "Europe/Paris")
    public void scheduled() {
        jobs.runOnce("statistiques", ClusterJobs.DAILY_HOLD, this::countMissedDays);
    }

    /** Once, shortly after start: the traces already there are counted without waiting for the night. */
    @Scheduled(initialDelayString = "${gateway.statistics.first-run:PT2M}", fixedDelay = Long.MAX_VALUE)
    public void atStart() {
        jobs.runOnce("statistiques", ClusterJobs.DAILY_HOLD, this::countMissedDays);
    }

    @Override
    public void beforePurge() {
        countMissedDays();
    }

    /** Counts every day not yet counted, up to yesterday, then forgets counts older than the retention. */
    public int countMissedDays() {
        LocalDate yesterday = calendar.today().minusDays(1);
        Optional<LocalDate> next = firstDayToCount();
        int counted = 0;
        for (LocalDate day = next.orElse(null); day != null && !day.isAfter(yesterday); day = day.plusDays(1)) {
            if (countDay(day)) {
                counted++;
            }
        }
        YearMonth oldestKept = YearMonth.from(calendar.today().minus(retention));
        int forgotten = jdbc.sql("delete from statistique where mois < :mois").param("mois", oldestKept.atDay(1))
                .update();
        jdbc.sql("delete from statistique_jour where jour < :jour").param("jour", oldestKept.atDay(1)).update();
        if (counted > 0 || forgotten > 0) {
            recorder.recordInternal("STATISTIQUES", "jours:" + counted + ",effaces:" + forgotten);
            LOG.info("usage statistics: {} days counted, {} monthly counts past retention removed", counted, forgotten);
        }
        return counted;
    }

    /** The day after the last one counted; at the first run, the day of the oldest trace. */
    private Optional<LocalDate> firstDayToCount() {
        LocalDate last = jdbc.sql("select max(jour) from statistique_jour").query(LocalDate.class).optional()
                .orElse(null);
        if (last != null) {
            return Optional.of(last.plusDays(1));
        }
        Instant oldest = jdbc.sql("select min(horodatage) from trace").query((rs, row) ->
                SqlTime.instant(rs.getTimestamp(1))).optional().orElse(null);
        return Optional.ofNullable(oldest).map(calendar::dayOf);
    }

    /** Counts one local day in one transaction; false when it was already counted (by another run or instance). */
    public boolean countDay(LocalDate day) {
        Instant from = day.atStartOfDay(calendar.zone()).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(calendar.zone()).toInstant();
        try {
            return Boolean.TRUE.equals(transactions.execute(status -> {
                if (jdbc.sql("select count(*) from statistique_jour where jour = :jour").param("jour", day)
                        .query(Long.class).single() > 0) {
                    return false;
                }
                List<DayCount> counts = jdbc.sql("""
                        select convention, coalesce(profil, '') profil, coalesce(motif, '') motif, action, statut,
                               coalesce(code, '') code, count(*) nombre,
                               sum(case when indicateurs like :flag then 1 else 0 end) autre_caf
                          from trace
                         where horodatage >= :from and horodatage < :to and convention is not null
                         group by convention, coalesce(profil, ''), coalesce(motif, ''), action, statut, coalesce(code, '')""")
                        .param("flag", "%" + OTHER_CAF_FLAG + "%")
                        .param("from", SqlTime.utc(from)).param("to", SqlTime.utc(to))
                        .query(UsageStatistics::dayCount).list();
                jdbc.sql("insert into statistique_jour (jour, compte_le, traces) values (:jour, :now, :traces)")
                        .param("jour", day).param("now", SqlTime.utc(clock.instant()))
                        .param("traces", counts.stream().mapToLong(DayCount::nombre).sum()).update();
                YearMonth month = YearMonth.from(day);
                counts.forEach(count -> add(month, count));
                return true;
            }));
        } catch (DuplicateKeyException raced) {
            return false;
        }
    }

    private record DayCount(String convention, String profil, String motif, String action, int statut, String code,
                            long nombre, long autreCaf) {
    }

    private static DayCount dayCount(ResultSet rs, int row) throws SQLException {
        return new DayCount(rs.getString("convention"), rs.getString("profil"), rs.getString("motif"),
                rs.getString("action"), rs.getInt("statut"), rs.getString("code"), rs.getLong("nombre"),
                rs.getLong("autre_caf"));
    }

    private void add(YearMonth month, DayCount c) {
        int updated = jdbc.sql("""
                update statistique set nombre = nombre + :nombre, autre_caf = autre_caf + :autre
                 where convention = :convention and mois = :mois and profil = :profil and motif = :motif
                   and action = :action and statut = :statut and code = :code""")
                .param("nombre", c.nombre()).param("autre", c.autreCaf()).param("convention", c.convention())
                .param("mois", month.atDay(1)).param("profil", c.profil()).param("motif", c.motif())
                .param("action", c.action()).param("statut", c.statut()).param("code", c.code()).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into statistique (convention, mois, profil, motif, action, statut, code, nombre, autre_caf)
                    values (:convention, :mois, :profil, :motif, :action, :statut, :code, :nombre, :autre)""")
                    .param("nombre", c.nombre()).param("autre", c.autreCaf()).param("convention", c.convention())
                    .param("mois", month.atDay(1)).param("profil", c.profil()).param("motif", c.motif())
                    .param("action", c.action()).param("statut", c.statut()).param("code", c.code()).update();
        }
    }

    /** The counts of a convention's months, {@code from} to {@code to} included. */
    public List<Count> counts(String convention, YearMonth from, YearMonth to) {
        return jdbc.sql("""
                select mois, profil, motif, action, statut, code, nombre, autre_caf from statistique
                 where convention = :convention and mois >= :from and mois <= :to
                 order by mois, action, profil, motif, statut, code""")
                .param("convention", convention).param("from", from.atDay(1)).param("to", to.atDay(1))
                .query((rs, row) -> new Count(YearMonth.from(rs.getObject("mois", LocalDate.class)),
                        blankToNull(rs.getString("profil")), blankToNull(rs.getString("motif")), rs.getString("action"),
                        rs.getInt("statut"), blankToNull(rs.getString("code")), rs.getLong("nombre"),
                        rs.getLong("autre_caf")))
                .list();
    }

    /** The last day counted, if any: the counts say nothing of the days after it. */
    public Optional<LocalDate> countedThrough() {
        return jdbc.sql("select max(jour) from statistique_jour").query(LocalDate.class).optional();
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
