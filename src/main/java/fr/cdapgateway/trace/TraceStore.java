package fr.cdapgateway.trace;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** The trace table and the sealed ends of its chain segments. */
@Repository
class TraceStore {

    record SegmentEnd(long lastRank, String lastLink, String seal) {
    }

    private static final String INSERT = """
            insert into trace (horodatage, request_id, utilisateur, convention, service, profil, action,
                               numero_allocataire, motif, statut, code, duree_ms, adresse_client, user_agent,
                               indicateurs, objet, instance, segment, rang, lien)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    TraceStore(JdbcTemplate jdbcTemplate, JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Inserts the batch and seals the segment ends it reaches, in one transaction: one commit for all. */
    void append(List<ChainedTrace> batch, List<ChainedTrace> segmentEnds, TraceChain chain) {
        transactions.executeWithoutResult(status -> {
            jdbcTemplate.batchUpdate(INSERT, batch, batch.size(), (ps, t) -> {
                TraceRecord r = t.record();
                ps.setTimestamp(1, Timestamp.from(r.horodatage()));
                ps.setString(2, r.requestId());
                ps.setString(3, r.utilisateur());
                ps.setString(4, r.convention());
                ps.setString(5, r.service());
                ps.setString(6, r.profil());
                ps.setString(7, r.action());
                ps.setString(8, r.numeroAllocataire());
                ps.setString(9, r.motif());
                ps.setInt(10, r.statut());
                ps.setString(11, r.code());
                ps.setInt(12, r.dureeMs());
                ps.setString(13, r.adresseClient());
                ps.setString(14, r.userAgent());
                ps.setString(15, r.indicateurs().isEmpty() ? null : String.join(",", r.indicateurs()));
                ps.setString(16, r.objet());
                ps.setString(17, t.instance());
                ps.setObject(18, t.segment(), Types.DATE);
                ps.setLong(19, t.rank());
                ps.setString(20, t.link());
            });
            for (ChainedTrace end : segmentEnds) {
                seal(end, chain.seal(end.instance(), end.segment(), end.rank(), end.link()));
            }
        });
    }

    Optional<SegmentEnd> segmentEnd(String instance, LocalDate segment) {
        return jdbc.sql("""
                select dernier_rang, dernier_lien, sceau from trace_segment
                 where instance = :instance and segment = :segment""")
                .param("instance", instance).param("segment", segment)
                .query((rs, row) -> new SegmentEnd(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    private void seal(ChainedTrace end, String seal) {
        int updated = jdbc.sql("""
                update trace_segment set dernier_rang = :rank, dernier_lien = :link, sceau = :seal
                 where instance = :instance and segment = :segment""")
                .param("rank", end.rank()).param("link", end.link()).param("seal", seal)
                .param("instance", end.instance()).param("segment", end.segment())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into trace_segment (instance, segment, dernier_rang, dernier_lien, sceau)
                    values (:instance, :segment, :rank, :link, :seal)""")
                    .param("rank", end.rank()).param("link", end.link()).param("seal", seal)
                    .param("instance", end.instance()).param("segment", end.segment())
                    .update();
        }
    }

    static LocalDate segmentOf(java.time.Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
