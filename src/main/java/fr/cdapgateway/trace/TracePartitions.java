package fr.cdapgateway.trace;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The daily partitions of the trace table on PostgreSQL (migration V14): one per UTC day, named
 * {@code trace_AAAAMMJJ}, holding exactly that day's chain segments. A day's partition is created ahead of the day
 * (hourly, see {@link TraceRetention}) and, should a trace come first, by the writer before it commits; retention
 * drops the partitions of expired days whole. On H2 the table is not partitioned and all of this is a no-op.
 */
final class TracePartitions {

    /** An expired day's partition and the traces it held. */
    record Expired(LocalDate day, String table, long traces) {
    }

    private static final DateTimeFormatter NAME = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Pattern PARTITION = Pattern.compile("trace_([0-9]{8})");

    private final JdbcClient jdbc;
    /** The days known to have a partition: the writer's check costs a lookup, not a round trip. */
    private final Set<LocalDate> known = ConcurrentHashMap.newKeySet();
    private volatile Boolean partitioned;

    TracePartitions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Whether the trace table is partitioned (PostgreSQL after V14). Asked on first use, not at construction: the
     * schema is migrated after this pool's owner is built.
     */
    boolean partitioned() {
        Boolean answer = partitioned;
        if (answer == null) {
            answer = jdbc.sql("""
                    select count(*) from information_schema.tables
                     where table_schema = 'pg_catalog' and table_name = 'pg_partitioned_table'""")
                    .query(Long.class).single() > 0
                    && jdbc.sql("""
                    select count(*) from pg_catalog.pg_partitioned_table p
                      join pg_catalog.pg_class c on c.oid = p.partrelid
                     where c.relname = 'trace' and c.relnamespace = to_regnamespace(current_schema())""")
                    .query(Long.class).single() > 0;
            partitioned = answer;
        }
        return answer;
    }

    /**
     * Makes sure the day has its partition. Idempotent across a cluster: two instances creating the same day race
     * harmlessly (the loser finds it made). Outside any transaction of the caller's.
     */
    void ensure(LocalDate day) {
        if (known.contains(day) || !partitioned()) {
            return;
        }
        String table = tableOf(day);
        try {
            // the day is a LocalDate: the statement is built from digits and dashes only
            jdbc.sql("create table if not exists " + table + " partition of trace for values from ('" + day
                    + "') to ('" + day.plusDays(1) + "')").update();
        } catch (DataAccessException raced) {
            if (!exists(table)) {
                throw raced;
            }
        }
        known.add(day);
    }

    /** The partitions of the days before {@code firstKept}, oldest first, with their number of traces. */
    List<Expired> expiredBefore(LocalDate firstKept) {
        return jdbc.sql("""
                select c.relname from pg_catalog.pg_inherits i
                  join pg_catalog.pg_class c on c.oid = i.inhrelid
                 where i.inhparent = to_regclass('trace') order by c.relname""")
                .query(String.class).list().stream()
                .map(TracePartitions::dayOf).flatMap(Optional::stream)
                .filter(day -> day.isBefore(firstKept))
                .map(day -> new Expired(day, tableOf(day),
                        jdbc.sql("select count(*) from " + tableOf(day)).query(Long.class).single()))
                .toList();
    }

    /** Drops an expired day's partition, in the caller's transaction. */
    void drop(Expired expired) {
        jdbc.sql("drop table " + expired.table()).update();
        known.remove(expired.day());
    }

    private boolean exists(String table) {
        return jdbc.sql("select to_regclass(:table) is not null").param("table", table).query(Boolean.class).single();
    }

    static String tableOf(LocalDate day) {
        return "trace_" + day.format(NAME);
    }

    static Optional<LocalDate> dayOf(String table) {
        Matcher name = PARTITION.matcher(table);
        return name.matches() ? Optional.of(LocalDate.parse(name.group(1), NAME)) : Optional.empty();
    }
}
