package fr.cdapgateway.admin.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import fr.cdapgateway.config.SqlTime;

/** The annual reverse reviews and the usage figures they report. */
@Repository
public class ReviewStore {

    public record Usage(Instant lastUse, long consultations) {
    }

    public record ReviewRecord(long id, String convention, String attestedBy, Instant attestedAt) {
    }

    private final JdbcClient jdbc;

    public ReviewStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Successful consultations per login and profile, from the traces (kept 6 months). */
    public Map<String, Usage> usageByLoginAndProfile(String convention) {
        Map<String, Usage> usage = new HashMap<>();
        jdbc.sql("""
                select utilisateur, profil, max(horodatage) as derniere, count(*) as nombre from trace
                 where convention = :convention and statut = 200 and action like 'CONSULTATION%'
                 group by utilisateur, profil""")
                .param("convention", convention)
                .query(rs -> {
                    usage.put(rs.getString("utilisateur") + "/" + rs.getString("profil"),
                            new Usage(SqlTime.instant(rs.getTimestamp("derniere")), rs.getLong("nombre")));
                });
        return usage;
    }

    public Optional<ReviewRecord> last(String convention) {
        return jdbc.sql("""
                select id, convention, attestee_par, attestee_le from revue where convention = :convention
                 order by attestee_le desc, id desc fetch first 1 rows only""")
                .param("convention", convention)
                .query((rs, row) -> new ReviewRecord(rs.getLong("id"), rs.getString("convention"),
                        rs.getString("attestee_par"), SqlTime.instant(rs.getTimestamp("attestee_le"))))
                .optional();
    }

    public long attest(String convention, String by, Instant now, Map<Long, String> decisions) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into revue (convention, attestee_par, attestee_le) values (:convention, :by, :now)")
                .param("convention", convention).param("by", by).param("now", SqlTime.utc(now))
                .update(key, "id");
        long id = key.getKey().longValue();
        decisions.forEach((habilitation, decision) -> jdbc.sql("""
                insert into revue_decision (revue_id, habilitation_id, decision) values (:id, :habilitation, :decision)""")
                .param("id", id).param("habilitation", habilitation).param("decision", decision).update());
        return id;
    }

    /** Every attested review of a convention, newest first. */
    public java.util.List<ReviewRecord> ofConvention(String convention) {
        return jdbc.sql("""
                select id, convention, attestee_par, attestee_le from revue where convention = :convention
                 order by attestee_le desc, id desc""")
                .param("convention", convention)
                .query((rs, row) -> new ReviewRecord(rs.getLong("id"), rs.getString("convention"),
                        rs.getString("attestee_par"), SqlTime.instant(rs.getTimestamp("attestee_le"))))
                .list();
    }

    public Optional<ReviewRecord> find(long id) {
        return jdbc.sql("select id, convention, attestee_par, attestee_le from revue where id = :id").param("id", id)
                .query((rs, row) -> new ReviewRecord(rs.getLong("id"), rs.getString("convention"),
                        rs.getString("attestee_par"), SqlTime.instant(rs.getTimestamp("attestee_le"))))
                .optional();
    }

    /** The decisions of a review, by habilitation. */
    public Map<Long, String> decisions(long reviewId) {
        Map<Long, String> decisions = new java.util.TreeMap<>();
        jdbc.sql("select habilitation_id, decision from revue_decision where revue_id = :id").param("id", reviewId)
                .query(rs -> {
                    decisions.put(rs.getLong("habilitation_id"), rs.getString("decision"));
                });
        return decisions;
    }
}
