package fr.cdapgateway.support;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import fr.cdapgateway.auth.PasswordHasher;

/** Creates accounts and habilitations straight in the database, for the cases the demo data does not have. */
public final class TestAccounts {

    public static final String PASSWORD = "Test-Cdap-Passw0rd!";

    private final JdbcClient jdbc;
    private final String hash;

    public TestAccounts(JdbcClient jdbc, PasswordHasher hasher) {
        this.jdbc = jdbc;
        this.hash = hasher.hash(PASSWORD);
    }

    public static String uniqueLogin(String prefix) {
        return prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    public long person(String login, String convention, String caf) {
        jdbc.sql("""
                insert into utilisateur (login, caf, convention, nom, prenom, email, type, role, mot_de_passe_hash,
                                         doit_changer_mot_de_passe, cree_le, cree_par, active_le)
                values (:login, :caf, :convention, 'TESTEUR', 'Camille', :email, 'PERSONNE', 'UTILISATEUR', :hash,
                        false, :now, 'test', :now)""")
                .param("login", login).param("caf", caf).param("convention", convention)
                .param("email", login + "@test.example").param("hash", hash)
                .param("now", Instant.now().atOffset(ZoneOffset.UTC))
                .update();
        return jdbc.sql("select id from utilisateur where login = :login").param("login", login)
                .query(Long.class).single();
    }

    /** A person with a role other than UTILISATEUR (a manager or an administrator of the convention). */
    public long withRole(String login, String convention, String caf, String role) {
        long id = person(login, convention, caf);
        jdbc.sql("update utilisateur set role = :role, mot_de_passe_change_le = :now where id = :id")
                .param("role", role).param("now", Instant.now().atOffset(ZoneOffset.UTC)).param("id", id).update();
        return id;
    }

    public void passwordChangedDaysAgo(String login, int days) {
        jdbc.sql("update utilisateur set mot_de_passe_change_le = :at where login = :login")
                .param("at", Instant.now().minus(java.time.Duration.ofDays(days)).atOffset(ZoneOffset.UTC))
                .param("login", login).update();
    }

    /** An habilitation starting on {@code debut}; one that started in the past was granted that day. */
    public long grant(long userId, String convention, String profil, LocalDate debut, LocalDate fin) {
        Instant now = Instant.now();
        Instant starts = debut.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant granted = starts.isBefore(now) ? starts : now;
        jdbc.sql("""
                insert into habilitation (convention, utilisateur_id, service, profil, date_debut, date_fin,
                                          accordee_par, accordee_le)
                values (:convention, :userId, 'CDAP', :profil, :debut, :fin, 'test', :now)""")
                .param("convention", convention).param("userId", userId).param("profil", profil)
                .param("debut", debut).param("fin", fin).param("now", granted.atOffset(ZoneOffset.UTC))
                .update();
        return jdbc.sql("select max(id) from habilitation where utilisateur_id = :userId").param("userId", userId)
                .query(Long.class).single();
    }

    public void suspend(String login) {
        jdbc.sql("update utilisateur set suspendu_le = :now where login = :login")
                .param("now", Instant.now().atOffset(ZoneOffset.UTC)).param("login", login).update();
    }

    public void devalidate(String login) {
        jdbc.sql("update utilisateur set devalide_le = :now where login = :login")
                .param("now", Instant.now().atOffset(ZoneOffset.UTC)).param("login", login).update();
    }

    public void requirePasswordChange(String login) {
        jdbc.sql("update utilisateur set doit_changer_mot_de_passe = true where login = :login")
                .param("login", login).update();
    }

    public void suspendHabilitation(long id) {
        jdbc.sql("update habilitation set suspendue_le = :now where id = :id")
                .param("now", Instant.now().atOffset(ZoneOffset.UTC)).param("id", id).update();
    }
}
