package fr.cdapgateway.admin.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import fr.cdapgateway.config.SqlTime;

/** Accounts as the admin API manages them. Never returns the password hash. */
@Repository
public class UserStore {

    public record UserRecord(long id, String login, String caf, String convention, String nom, String prenom,
                             String email, String fonction, String type, String role, String numeroInstructeur,
                             boolean mustChangePassword, Instant lockedAt, Instant suspendedAt, Instant devalidatedAt,
                             Instant lastLogin, Instant createdAt, Instant activatedAt) {

        public String statut() {
            if (devalidatedAt != null) {
                return "DEVALIDE";
            }
            if (suspendedAt != null) {
                return "SUSPENDU";
            }
            if (activatedAt == null) {
                return "EN_ATTENTE_ACTIVATION";
            }
            return lockedAt != null ? "VERROUILLE" : "ACTIF";
        }
    }

    public record NewUser(String login, String caf, String convention, String nom, String prenom, String email,
                          String fonction, String type, String role, String numeroInstructeur, String hash) {
    }

    private static final String COLUMNS = """
            id, login, caf, convention, nom, prenom, email, fonction, type, role, numero_instructeur,
            doit_changer_mot_de_passe, verrouille_le, suspendu_le, devalide_le, derniere_connexion, cree_le, active_le""";

    private final JdbcClient jdbc;

    public UserStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<UserRecord> find(String login) {
        return jdbc.sql("select " + COLUMNS + " from utilisateur where login = :login").param("login", login)
                .query(UserStore::user).optional();
    }

    public Optional<UserRecord> findById(long id) {
        return jdbc.sql("select " + COLUMNS + " from utilisateur where id = :id").param("id", id)
                .query(UserStore::user).optional();
    }

    public List<UserRecord> ofConvention(String convention) {
        return jdbc.sql("select " + COLUMNS + " from utilisateur where convention = :convention order by login")
                .param("convention", convention).query(UserStore::user).list();
    }

    public List<UserRecord> cafAdministrators(String caf) {
        return jdbc.sql("select " + COLUMNS + " from utilisateur where caf = :caf and role = 'CAF_ADMIN' order by login")
                .param("caf", caf).query(UserStore::user).list();
    }

    public boolean loginTaken(String login) {
        return jdbc.sql("select count(*) from utilisateur where lower(login) = lower(:login)").param("login", login)
                .query(Integer.class).single() > 0;
    }

    public long insert(NewUser user, String createdBy, Instant now) {
        jdbc.sql("""
                insert into utilisateur (login, caf, convention, nom, prenom, email, fonction, type, role,
                                         numero_instructeur, mot_de_passe_hash, doit_changer_mot_de_passe,
                                         cree_le, cree_par, active_le)
                values (:login, :caf, :convention, :nom, :prenom, :email, :fonction, :type, :role,
                        :instructeur, :hash, :mustChange, :now, :by, :activated)""")
                .param("login", user.login()).param("caf", user.caf()).param("convention", user.convention())
                .param("nom", user.nom()).param("prenom", user.prenom()).param("email", user.email())
                .param("fonction", user.fonction()).param("type", user.type()).param("role", user.role())
                .param("instructeur", user.numeroInstructeur()).param("hash", user.hash())
                .param("now", SqlTime.utc(now)).param("by", createdBy)
                // a manager-chosen password (gateway.accounts.manager-passwords) is changed at first use; without
                // one the account waits for its holder to choose theirs through the mailed link
                .param("mustChange", user.hash() != null)
                .param("activated", user.hash() == null ? null : SqlTime.utc(now))
                .update();
        return find(user.login()).orElseThrow().id();
    }

    public void updateIdentity(long id, String nom, String prenom, String email, String fonction, String role,
                               String numeroInstructeur) {
        jdbc.sql("""
                update utilisateur set nom = :nom, prenom = :prenom, email = :email, fonction = :fonction,
                                       role = :role, numero_instructeur = :instructeur
                 where id = :id""")
                .param("nom", nom).param("prenom", prenom).param("email", email).param("fonction", fonction)
                .param("role", role).param("instructeur", numeroInstructeur).param("id", id)
                .update();
    }

    public void suspend(long id, Instant at) {
        jdbc.sql("update utilisateur set suspendu_le = :at where id = :id")
                .param("at", SqlTime.utc(at)).param("id", id).update();
    }

    public void devalidate(long id, Instant at, String by) {
        jdbc.sql("update utilisateur set devalide_le = :at, devalide_par = :by where id = :id and devalide_le is null")
                .param("at", SqlTime.utc(at)).param("by", by).param("id", id).update();
    }

    public void unlock(long id) {
        jdbc.sql("""
                update utilisateur set verrouille_le = null, echecs_consecutifs = 0, echecs_jour = 0,
                                       echecs_jour_debut = null
                 where id = :id""")
                .param("id", id).update();
    }

    /** The password stops at once: the holder chooses a new one through the link mailed to them. */
    public void clearPassword(long id) {
        jdbc.sql("update utilisateur set mot_de_passe_hash = null, doit_changer_mot_de_passe = false where id = :id")
                .param("id", id).update();
    }

    /** A manager-chosen initial password (gateway.accounts.manager-passwords), changed by its holder at next use. */
    public void forcePasswordChange(long id, String newHash) {
        jdbc.sql("update utilisateur set mot_de_passe_hash = :hash, doit_changer_mot_de_passe = true where id = :id")
                .param("hash", newHash).param("id", id).update();
    }

    private static UserRecord user(ResultSet rs, int row) throws SQLException {
        return new UserRecord(rs.getLong("id"), rs.getString("login"), rs.getString("caf"),
                rs.getString("convention"), rs.getString("nom"), rs.getString("prenom"), rs.getString("email"),
                rs.getString("fonction"), rs.getString("type"), rs.getString("role"),
                rs.getString("numero_instructeur"), rs.getBoolean("doit_changer_mot_de_passe"),
                SqlTime.instant(rs.getTimestamp("verrouille_le")), SqlTime.instant(rs.getTimestamp("suspendu_le")),
                SqlTime.instant(rs.getTimestamp("devalide_le")),
                SqlTime.instant(rs.getTimestamp("derniere_connexion")),
                SqlTime.instant(rs.getTimestamp("cree_le")), SqlTime.instant(rs.getTimestamp("active_le")));
    }
}
