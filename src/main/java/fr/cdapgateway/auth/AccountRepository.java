package fr.cdapgateway.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Accounts in the database. Named parameters only. */
@Repository
public class AccountRepository {

    private static final String COLUMNS = """
            id, login, caf, convention, nom, prenom, email, type, role, numero_instructeur, mot_de_passe_hash,
            doit_changer_mot_de_passe, echecs_consecutifs, verrouille_le, suspendu_le, devalide_le""";

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Account> findByLogin(String login) {
        return jdbc.sql("select " + COLUMNS + " from utilisateur where login = :login")
                .param("login", login)
                .query(AccountRepository::account)
                .optional();
    }

    /** Counts one more consecutive failure and locks the account when the threshold is reached, atomically. */
    void recordFailure(long id, int threshold, Instant now) {
        jdbc.sql("""
                update utilisateur
                   set echecs_consecutifs = echecs_consecutifs + 1,
                       verrouille_le = case when verrouille_le is null and echecs_consecutifs + 1 >= :threshold
                                            then :now else verrouille_le end
                 where id = :id""")
                .param("threshold", threshold)
                .param("now", utc(now))
                .param("id", id)
                .update();
    }

    void resetFailures(long id) {
        jdbc.sql("update utilisateur set echecs_consecutifs = 0 where id = :id and echecs_consecutifs > 0")
                .param("id", id)
                .update();
    }

    void changePassword(long id, String hash, Instant now) {
        jdbc.sql("""
                update utilisateur
                   set mot_de_passe_hash = :hash, mot_de_passe_change_le = :now, doit_changer_mot_de_passe = false
                 where id = :id""")
                .param("hash", hash)
                .param("now", utc(now))
                .param("id", id)
                .update();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Account account(ResultSet rs, int row) throws SQLException {
        return new Account(
                rs.getLong("id"),
                rs.getString("login"),
                rs.getString("caf"),
                rs.getString("convention"),
                rs.getString("nom"),
                rs.getString("prenom"),
                rs.getString("email"),
                rs.getString("type"),
                rs.getString("role"),
                rs.getString("numero_instructeur"),
                rs.getString("mot_de_passe_hash"),
                rs.getBoolean("doit_changer_mot_de_passe"),
                rs.getInt("echecs_consecutifs"),
                instant(rs.getTimestamp("verrouille_le")),
                instant(rs.getTimestamp("suspendu_le")),
                instant(rs.getTimestamp("devalide_le")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
