package fr.cdapgateway.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import fr.cdapgateway.support.EmbeddedPostgres;
import fr.cdapgateway.support.Schema;

/**
 * An existing PostgreSQL database upgraded to the partitioned trace table (V14): every trace kept, each in its day's
 * partition, the sequence numbers going on after the last one.
 */
class TracePartitionMigrationIT {

    @Test
    void theTracesOfADatabaseWrittenBeforePartitioningAreKeptInTheirDaysPartitions() {
        DriverManagerDataSource data = new DriverManagerDataSource(
                EmbeddedPostgres.createDatabase(EmbeddedPostgres.server()), "postgres", "postgres");
        Flyway.configure().dataSource(data).locations("classpath:db/migration", "classpath:db/vendor/postgresql")
                .target("13").load().migrate();
        JdbcClient jdbc = JdbcClient.create(data);
        String insert = """
                insert into trace (horodatage, request_id, action, statut, duree_ms, instance, segment, rang, lien)
                values (:h, :id, 'CONSULTATION_QF', 200, 1, 'gateway-1', :segment, :rang, :lien)""";
        OffsetDateTime first = OffsetDateTime.parse("2026-11-30T23:59:59Z");
        jdbc.sql(insert).param("h", first).param("id", "a").param("segment", first.toLocalDate())
                .param("rang", 1).param("lien", "0".repeat(64)).update();
        jdbc.sql(insert).param("h", first.plusSeconds(2)).param("id", "b").param("segment", first.plusSeconds(2)
                .toLocalDate()).param("rang", 1).param("lien", "1".repeat(64)).update();
        // a row from before the chain (V1's columns only): no segment
        jdbc.sql("insert into trace (horodatage, request_id, action, statut, duree_ms) values (:h, 'c', 'X', 200, 1)")
                .param("h", OffsetDateTime.parse("2026-10-15T08:00:00Z")).update();
        long lastBefore = jdbc.sql("select max(sequence) from trace").query(Long.class).single();

        Schema.migrate(data, "postgresql");

        assertThat(jdbc.sql("""
                select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                 where i.inhparent = 'trace'::regclass order by 1""").query(String.class).list())
                .containsExactly("trace_20261015", "trace_20261130", "trace_20261201");
        assertThat(jdbc.sql("select request_id from trace_20261130").query(String.class).list()).containsExactly("a");
        assertThat(jdbc.sql("select request_id from trace_20261201").query(String.class).list()).containsExactly("b");
        assertThat(jdbc.sql("select count(*) from trace where lien is null").query(Long.class).single())
                .as("the unchained row is kept, and still reported by the verification").isEqualTo(1);
        jdbc.sql("insert into trace (horodatage, request_id, action, statut, duree_ms, segment) "
                + "values (now(), 'd', 'X', 200, 1, date '2026-12-01')").update();
        assertThat(jdbc.sql("select sequence from trace where request_id = 'd'").query(Long.class).single())
                .isEqualTo(lastBefore + 1);
    }
}
