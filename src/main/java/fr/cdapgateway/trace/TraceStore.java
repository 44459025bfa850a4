package fr.cdapgateway.trace;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Repository;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import fr.cdapgateway.config.SqlTime;

/**
 * The trace table and the sealed ends of its chain segments, on a connection pool of their own: when requests hold
 * every connection of the main pool (50 concurrent grants waiting on one quota row), the traces of what they did
 * must still commit, or a committed change would answer 503 without its trace.
 */
@Repository
class TraceStore implements DisposableBean {

    record SegmentEnd(long lastRank, String lastLink, String seal, String keyId) {
    }

    private static final String INSERT = """
            insert into trace (horodatage, request_id, utilisateur, convention, service, profil, action,
                               numero_allocataire, motif, statut, code, duree_ms, adresse_client, user_agent,
                               indicateurs, objet, instance, segment, rang, lien)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    private final HikariDataSource pool;
    private final TracePartitions partitions;
    private final boolean postgres;
    // the one-round-trip statement of each batch size met
    private final Map<Integer, String> oneRoundTrip = new ConcurrentHashMap<>();

    TraceStore(DataSourceProperties database) {
        this.pool = database.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        pool.setPoolName("traces");
        // one writer thread commits; the others verify, probe, or read a chain end
        pool.setMaximumPoolSize(4);
        pool.setMinimumIdle(1);
        pool.setConnectionTimeout(2000);
        this.postgres = pool.getJdbcUrl() != null && pool.getJdbcUrl().startsWith("jdbc:postgresql:");
        if (postgres) {
            // a group commit's rows go as one multi-row insert, not one statement execution per row: less work per
            // trace for PostgreSQL and the driver alike (same transaction, same rows)
            pool.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        this.jdbcTemplate = new JdbcTemplate(pool);
        this.jdbc = JdbcClient.create(pool);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(pool));
        this.partitions = new TracePartitions(jdbc);
    }

    @Override
    public void destroy() {
        pool.close();
    }

    /** The last trace of a segment in a batch, and the id of the key its segment is chained with. */
    record SegmentTail(ChainedTrace end, String keyId) {
    }

    /**
     * Inserts the batch and seals the segment ends it reaches, in one transaction: one commit for all. Each day of
     * the batch has its partition first (PostgreSQL; known days cost a set lookup).
     */
    void append(List<ChainedTrace> batch, List<SegmentTail> segmentEnds, List<LocalDate> newSegments,
                String instance, TraceKeys keys) {
        segmentEnds.forEach(tail -> partitions.ensure(tail.end().segment()));
        if (postgres && newSegments.isEmpty() && segmentEnds.size() == 1 && batch.size() <= ONE_ROUND_TRIP_ROWS) {
            appendInOneRoundTrip(batch, segmentEnds.get(0), keys);
            return;
        }
        transactions.executeWithoutResult(status -> {
            for (LocalDate segment : newSegments) {
                register(instance, segment, keys);
            }
            jdbcTemplate.batchUpdate(INSERT, batch, batch.size(), (ps, t) -> setRow(ps, 0, t));
            for (SegmentTail tail : segmentEnds) {
                ChainedTrace end = tail.end();
                TraceChain chain = keys.find(tail.keyId()).orElseThrow();
                seal(end, chain.seal(end.instance(), end.segment(), end.rank(), end.link()), tail.keyId());
            }
        });
    }

    /**
     * The usual group commit on PostgreSQL, in one round trip instead of three (begin and insert, seal, commit): the
     * rows as one multi-row insert and the segment's seal as an upsert, sent as one statement list with one Sync, so
     * that PostgreSQL runs both in one implicit transaction and commits it at the Sync — all or nothing, as before.
     * Under load each round trip waits for the database's process to be scheduled: fewer of them, shorter commits.
     * A batch that opens a day (its registration) or spans two keeps the explicit transaction below.
     */
    private void appendInOneRoundTrip(List<ChainedTrace> batch, SegmentTail tail, TraceKeys keys) {
        ChainedTrace end = tail.end();
        String seal = keys.find(tail.keyId()).orElseThrow().seal(end.instance(), end.segment(), end.rank(),
                end.link());
        jdbcTemplate.execute(oneRoundTrip(batch.size()), (PreparedStatement ps) -> {
            int index = 0;
            for (ChainedTrace trace : batch) {
                setRow(ps, index, trace);
                index += COLUMNS;
            }
            ps.setString(index + 1, end.instance());
            ps.setObject(index + 2, end.segment(), Types.DATE);
            ps.setLong(index + 3, end.rank());
            ps.setString(index + 4, end.link());
            ps.setString(index + 5, seal);
            ps.setString(index + 6, tail.keyId());
            ps.execute();
            return null;
        });
    }

    private static final int COLUMNS = 20;
    /** PostgreSQL binds at most 32,767 parameters in one statement: 20 per row, 6 for the seal. */
    private static final int ONE_ROUND_TRIP_ROWS = 1_000;

    private String oneRoundTrip(int rows) {
        String sql = oneRoundTrip.get(rows);
        if (sql == null) {
            String row = "(" + String.join(", ", Collections.nCopies(COLUMNS, "?")) + ")";
            sql = INSERT.substring(0, INSERT.indexOf("values")) + "values "
                    + String.join(", ", Collections.nCopies(rows, row)) + """
                    ;
                    insert into trace_segment (instance, segment, dernier_rang, dernier_lien, sceau, cle)
                    values (?, ?, ?, ?, ?, ?)
                    on conflict (instance, segment) do update set dernier_rang = excluded.dernier_rang,
                        dernier_lien = excluded.dernier_lien, sceau = excluded.sceau, cle = excluded.cle""";
            if (rows <= CACHED_ROWS) {
                oneRoundTrip.put(rows, sql); // the sizes a steady load meets; a rare larger batch builds its own
            }
        }
        return sql;
    }

    /** The batch sizes whose statement text is kept (a few KB each at most). */
    private static final int CACHED_ROWS = 64;

    /** One trace's 20 columns, from parameter {@code offset + 1} on. */
    private static void setRow(PreparedStatement ps, int offset, ChainedTrace t) throws SQLException {
        TraceRecord r = t.record();
        ps.setTimestamp(offset + 1, Timestamp.from(r.horodatage()));
        ps.setString(offset + 2, r.requestId());
        ps.setString(offset + 3, r.utilisateur());
        ps.setString(offset + 4, r.convention());
        ps.setString(offset + 5, r.service());
        ps.setString(offset + 6, r.profil());
        ps.setString(offset + 7, r.action());
        ps.setString(offset + 8, r.numeroAllocataire());
        ps.setString(offset + 9, r.motif());
        ps.setInt(offset + 10, r.statut());
        ps.setString(offset + 11, r.code());
        ps.setInt(offset + 12, r.dureeMs());
        ps.setString(offset + 13, r.adresseClient());
        ps.setString(offset + 14, r.userAgent());
        ps.setString(offset + 15, r.indicateurs().isEmpty() ? null : String.join(",", r.indicateurs()));
        ps.setString(offset + 16, r.objet());
        ps.setString(offset + 17, t.instance());
        ps.setObject(offset + 18, t.segment(), Types.DATE);
        ps.setLong(offset + 19, t.rank());
        ps.setString(offset + 20, t.link());
    }

    /** A registered day of an instance's chain. */
    record Registered(String instance, LocalDate segment, long ordre, LocalDate precedent, String maillon,
                      boolean purged, String keyId) {
    }

    private static final String REGISTERED =
            "select instance, segment, ordre, precedent, maillon, purge_le, cle from trace_registre";

    /** Registers a new day after the instance's latest registered one, in the batch's transaction. */
    private void register(String instance, LocalDate segment, TraceKeys keys) {
        TraceChain chain = keys.current();
        Optional<Registered> previous = jdbc.sql(REGISTERED
                        + " where instance = :instance order by ordre desc fetch first 1 rows only")
                .param("instance", instance).query(TraceStore::registered).optional();
        LocalDate precedent = previous.map(Registered::segment).orElse(null);
        long ordre = previous.map(Registered::ordre).orElse(0L) + 1;
        String maillon = chain.registryLink(instance, segment, ordre, precedent,
                previous.map(Registered::maillon).orElse(null));
        jdbc.sql("""
                insert into trace_registre (instance, segment, ordre, precedent, maillon, cle)
                values (:instance, :segment, :ordre, :precedent, :maillon, :cle)""")
                .param("cle", keys.currentId())
                .param("instance", instance).param("segment", segment).param("precedent", precedent)
                .param("ordre", ordre)
                .param("maillon", maillon).update();
    }

    List<Registered> registry(String instance) {
        return jdbc.sql(REGISTERED + " where instance = :instance order by ordre")
                .param("instance", instance).query(TraceStore::registered).list();
    }

    private static Registered registered(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Registered(rs.getString("instance"), rs.getObject("segment", LocalDate.class), rs.getLong("ordre"),
                rs.getObject("precedent", LocalDate.class), rs.getString("maillon"), rs.getTimestamp("purge_le") != null,
                TraceKeys.idOf(rs.getString("cle")));
    }

    /** A round trip to the database: whether traces could be committed now. */
    void probe() {
        // the trace table itself, not only the connection: what a commit needs
        jdbc.sql("select count(*) from trace where sequence = -1").query(Long.class).single();
    }

    Optional<SegmentEnd> segmentEnd(String instance, LocalDate segment) {
        return jdbc.sql("""
                select dernier_rang, dernier_lien, sceau, cle from trace_segment
                 where instance = :instance and segment = :segment""")
                .param("instance", instance).param("segment", segment)
                .query((rs, row) -> new SegmentEnd(rs.getLong(1), rs.getString(2), rs.getString(3),
                        TraceKeys.idOf(rs.getString(4))))
                .optional();
    }

    private void seal(ChainedTrace end, String seal, String keyId) {
        int updated = jdbc.sql("""
                update trace_segment set dernier_rang = :rank, dernier_lien = :link, sceau = :seal, cle = :cle
                 where instance = :instance and segment = :segment""")
                .param("rank", end.rank()).param("link", end.link()).param("seal", seal).param("cle", keyId)
                .param("instance", end.instance()).param("segment", end.segment())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into trace_segment (instance, segment, dernier_rang, dernier_lien, sceau, cle)
                    values (:instance, :segment, :rank, :link, :seal, :cle)""")
                    .param("rank", end.rank()).param("link", end.link()).param("seal", seal).param("cle", keyId)
                    .param("instance", end.instance()).param("segment", end.segment())
                    .update();
        }
    }

    /** Creates the partition of a day ahead of its first trace (PostgreSQL). */
    void preparePartition(LocalDate day) {
        partitions.ensure(day);
    }

    /**
     * Removes the daily segments before {@code firstKept} with their seals, in one transaction, and marks them
     * purged in the registry, which keeps them so the chain of days still verifies. On PostgreSQL each expired day
     * is a partition, dropped whole; on H2 the rows are deleted. Returns the number of traces removed.
     */
    long purgeBefore(LocalDate firstKept, Instant now) {
        return transactions.execute(status -> {
            long removed;
            if (partitions.partitioned()) {
                // dropping a partition locks the parent table: wait for in-flight commits, never for long
                jdbc.sql("set local lock_timeout = '10s'").update();
                List<TracePartitions.Expired> expired = partitions.expiredBefore(firstKept);
                expired.forEach(partitions::drop);
                removed = expired.stream().mapToLong(TracePartitions.Expired::traces).sum();
            } else {
                removed = jdbc.sql("delete from trace where segment < :first").param("first", firstKept).update();
            }
            jdbc.sql("delete from trace_segment where segment < :first").param("first", firstKept).update();
            jdbc.sql("update trace_registre set purge_le = :now where segment < :first and purge_le is null")
                    .param("now", SqlTime.utc(now)).param("first", firstKept).update();
            return removed;
        });
    }

    static LocalDate segmentOf(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
