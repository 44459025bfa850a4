package fr.cdapgateway.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import fr.cdapgateway.api.Account;
import fr.cdapgateway.config.SqlTime;

/** Accounts in the database. Named parameters only. */
@Repository
public class AccountRepository {

    private static final String COLUMNS = """
            id, login, caf, convention, nom, prenom, email, type, role, numero_instructeur, mot_de_passe_hash,
            doit_changer_mot_de_passe, echecs_consecutifs, verrouille_le, suspendu_le, devalide_le,
            mot_de_passe_change_le, derniere_connexion, devalide_par""";

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

    /**
     * Counts one more failure, consecutive and within the current 24-hour window, and locks the account when
     * either threshold is reached — in one statement, so concurrent failures cannot slip past the count. Returns
     * whether this failure locked it.
     */
    boolean recordFailure(long id, int consecutiveThreshold, int dailyThreshold, Instant instant) {
        // the columns keep microseconds: the lock's time must compare equal to what is stored
        Instant now = instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        jdbc.sql("""
                update utilisateur
                   set echecs_consecutifs = echecs_consecutifs + 1,
                       echecs_jour = case when echecs_jour_debut is null or echecs_jour_debut <= :dayAgo
                                          then 1 else echecs_jour + 1 end,
                       echecs_jour_debut = case when echecs_jour_debut is null or echecs_jour_debut <= :dayAgo
                                                then :now else echecs_jour_debut end,
                       verrouille_le = case when verrouille_le is null
                                             and (echecs_consecutifs + 1 >= :consecutive
                                                  or (echecs_jour_debut > :dayAgo and echecs_jour + 1 >= :daily))
                                            then :now else verrouille_le end
                 where id = :id""")
                .param("consecutive", consecutiveThreshold)
                .param("daily", dailyThreshold)
                .param("dayAgo", SqlTime.utc(now.minus(java.time.Duration.ofHours(24))))
                .param("now", SqlTime.utc(now))
                .param("id", id)
                .update();
        // locked by this very failure (its time is ours): the caller tells the cluster
        return jdbc.sql("select count(*) from utilisateur where id = :id and verrouille_le = :now")
                .param("id", id).param("now", SqlTime.utc(now)).query(Integer.class).single() == 1;
    }

    /** Last use, for the reverse review; written at most once a day per account, off the hot path's way. */
    void touchLastLogin(long id, Instant now) {
        jdbc.sql("update utilisateur set derniere_connexion = :now where id = :id")
                .param("now", SqlTime.utc(now)).param("id", id).update();
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
                .param("now", SqlTime.utc(now))
                .param("id", id)
                .update();
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
                SqlTime.instant(rs.getTimestamp("verrouille_le")),
                SqlTime.instant(rs.getTimestamp("suspendu_le")),
                SqlTime.instant(rs.getTimestamp("devalide_le")),
                SqlTime.instant(rs.getTimestamp("mot_de_passe_change_le")),
                SqlTime.instant(rs.getTimestamp("derniere_connexion")),
                Account.CONVENTION_END.equals(rs.getString("devalide_par")));
    }

}
