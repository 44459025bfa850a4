package fr.cdapgateway.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import fr.cdapgateway.admin.ContactAdmin.Interlocuteur;
import fr.cdapgateway.admin.ContactAdmin.Version;
import fr.cdapgateway.config.SqlTime;

/** The versions of a convention's contacts (Annexe 1): each avenant a new version, the earlier ones kept. */
@Repository
class ContactStore {

    private final JdbcClient jdbc;

    ContactStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long save(String convention, String avenant, List<Interlocuteur> contacts, String by, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into interlocuteurs_version (convention, avenant, le, par)
                values (:convention, :avenant, :now, :by)""")
                .param("convention", convention).param("avenant", avenant).param("now", SqlTime.utc(now))
                .param("by", by).update(key, "id");
        long version = key.getKey().longValue();
        for (Interlocuteur c : contacts) {
            jdbc.sql("""
                    insert into interlocuteur (version_id, cote, role, nom, prenom, fonction, email, telephone, login)
                    values (:version, :cote, :role, :nom, :prenom, :fonction, :email, :telephone, :login)""")
                    .param("version", version).param("cote", c.cote()).param("role", c.role()).param("nom", c.nom())
                    .param("prenom", c.prenom()).param("fonction", c.fonction()).param("email", c.email())
                    .param("telephone", c.telephone()).param("login", c.login()).update();
        }
        return version;
    }

    /** Every version, newest first. */
    List<Version> versions(String convention) {
        Map<Long, Version> versions = new LinkedHashMap<>();
        jdbc.sql("select id, avenant, le, par from interlocuteurs_version where convention = :convention order by id desc")
                .param("convention", convention)
                .query((rs, row) -> versions.put(rs.getLong("id"), new Version(rs.getString("avenant"),
                        SqlTime.instant(rs.getTimestamp("le")), rs.getString("par"), new ArrayList<>())))
                .list();
        if (versions.isEmpty()) {
            return List.of();
        }
        jdbc.sql("""
                select version_id, cote, role, nom, prenom, fonction, email, telephone, login from interlocuteur
                 where version_id in (:ids) order by version_id, cote, role""")
                .param("ids", List.copyOf(versions.keySet()))
                .query((rs, row) -> versions.get(rs.getLong("version_id")).interlocuteurs().add(new Interlocuteur(
                        rs.getString("cote"), rs.getString("role"), rs.getString("nom"), rs.getString("prenom"),
                        rs.getString("fonction"), rs.getString("email"), rs.getString("telephone"),
                        rs.getString("login"))))
                .list();
        return List.copyOf(versions.values());
    }
}
