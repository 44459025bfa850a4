package fr.cdapgateway.mail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who is told (SPEC §14): the people a convention names — its administrators and managers by their accounts, its
 * contacts of Annexe 1 by role — each address once. Only active accounts (not devalidated, not suspended) receive.
 */
@Component
public class Recipients {

    /** One person to write to. */
    public record Recipient(String email, String prenom, String nom) {

        public String name() {
            return (prenom == null ? "" : prenom + " ") + (nom == null ? "" : nom);
        }
    }

    private static final String ACTIVE = "devalide_le is null and suspendu_le is null and type = 'PERSONNE'";

    private final JdbcClient jdbc;

    Recipients(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The principal administrator and the substitute of a convention. */
    public List<Recipient> administrators(String convention) {
        return accounts(convention, List.of("ADMIN_PRINCIPAL", "ADMIN_SUPPLEANT"));
    }

    /** Administrators and delegated managers: those who can unlock an account. */
    public List<Recipient> managers(String convention) {
        return accounts(convention, List.of("ADMIN_PRINCIPAL", "ADMIN_SUPPLEANT", "GESTIONNAIRE"));
    }

    /** The CAF admins of a CAF. */
    public List<Recipient> cafAdministrators(String caf) {
        return jdbc.sql("select email, prenom, nom from utilisateur where caf = :caf and role = 'CAF_ADMIN' and "
                        + ACTIVE + " order by login")
                .param("caf", caf)
                .query(Recipients::recipient)
                .list();
    }

    /** The contact of Annexe 1 in this role on this side, if the current version names one. */
    public List<Recipient> contact(String convention, String cote, String role) {
        return jdbc.sql("""
                select i.email, i.prenom, i.nom from interlocuteur i
                  join interlocuteurs_version v on v.id = i.version_id
                 where v.convention = :convention and i.cote = :cote and i.role = :role
                   and v.id = (select max(id) from interlocuteurs_version where convention = :convention)""")
                .param("convention", convention).param("cote", cote).param("role", role)
                .query(Recipients::recipient)
                .list();
    }

    /** Every contact of Annexe 1 the current version names, on both sides. */
    public List<Recipient> contacts(String convention) {
        return jdbc.sql("""
                select i.email, i.prenom, i.nom from interlocuteur i
                  join interlocuteurs_version v on v.id = i.version_id
                 where v.convention = :convention
                   and v.id = (select max(id) from interlocuteurs_version where convention = :convention)
                 order by i.cote, i.role""")
                .param("convention", convention)
                .query(Recipients::recipient)
                .list();
    }

    /** The CAF's security officers named in its conventions' contacts, or else its CAF admins. */
    public List<Recipient> cafSecurityOfficers(String caf) {
        List<Recipient> officers = new ArrayList<>();
        for (String convention : conventionsOf(caf)) {
            officers.addAll(contact(convention, "CAF", "RESPONSABLE_SECURITE"));
        }
        if (officers.isEmpty()) {
            officers.addAll(cafAdministrators(caf));
        }
        return distinct(officers);
    }

    /** The conventions of a CAF. */
    public List<String> conventionsOf(String caf) {
        return jdbc.sql("select numero from convention where caf = :caf order by numero").param("caf", caf)
                .query(String.class).list();
    }

    /** Every CAF with a convention. */
    public List<String> cafs() {
        return jdbc.sql("select distinct caf from convention order by caf").query(String.class).list();
    }

    private List<Recipient> accounts(String convention, List<String> roles) {
        return jdbc.sql("select email, prenom, nom from utilisateur where convention = :convention and role in (:roles) and "
                        + ACTIVE + " order by login")
                .param("convention", convention).param("roles", roles)
                .query(Recipients::recipient)
                .list();
    }

    private static Recipient recipient(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Recipient(rs.getString("email"), rs.getString("prenom"), rs.getString("nom"));
    }

    /** Each address once, in the order given. */
    public static List<Recipient> distinct(List<Recipient> recipients) {
        Map<String, Recipient> byEmail = new LinkedHashMap<>();
        recipients.forEach(r -> byEmail.putIfAbsent(r.email().toLowerCase(java.util.Locale.ROOT), r));
        return List.copyOf(byEmail.values());
    }
}
