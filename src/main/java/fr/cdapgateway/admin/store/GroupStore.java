package fr.cdapgateway.admin.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import fr.cdapgateway.config.SqlTime;

/** Groups of a convention and their members. */
@Repository
public class GroupStore {

    public record GroupRecord(long id, String convention, String nom) {
    }

    private final JdbcClient jdbc;

    public GroupStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<GroupRecord> ofConvention(String convention) {
        return jdbc.sql("select id, convention, nom from groupe where convention = :convention order by nom")
                .param("convention", convention)
                .query((rs, row) -> new GroupRecord(rs.getLong("id"), rs.getString("convention"), rs.getString("nom")))
                .list();
    }

    public Optional<GroupRecord> find(long id) {
        return jdbc.sql("select id, convention, nom from groupe where id = :id").param("id", id)
                .query((rs, row) -> new GroupRecord(rs.getLong("id"), rs.getString("convention"), rs.getString("nom")))
                .optional();
    }

    public boolean nameTaken(String convention, String nom) {
        return jdbc.sql("select count(*) from groupe where convention = :convention and lower(nom) = lower(:nom)")
                .param("convention", convention).param("nom", nom).query(Integer.class).single() > 0;
    }

    public long insert(String convention, String nom, String by, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into groupe (convention, nom, cree_le, cree_par) values (:convention, :nom, :now, :by)")
                .param("convention", convention).param("nom", nom).param("now", SqlTime.utc(now)).param("by", by)
                .update(key, "id");
        return key.getKey().longValue();
    }

    public List<String> members(long groupId) {
        return jdbc.sql("""
                select u.login from groupe_membre m join utilisateur u on u.id = m.utilisateur_id
                 where m.groupe_id = :id order by u.login""")
                .param("id", groupId).query(String.class).list();
    }

    /** False when the account already was a member. */
    public boolean addMember(long groupId, long userId, String by, Instant now) {
        boolean member = jdbc.sql("select count(*) from groupe_membre where groupe_id = :g and utilisateur_id = :u")
                .param("g", groupId).param("u", userId).query(Integer.class).single() > 0;
        if (member) {
            return false;
        }
        jdbc.sql("""
                insert into groupe_membre (groupe_id, utilisateur_id, ajoute_le, ajoute_par)
                values (:g, :u, :now, :by)""")
                .param("g", groupId).param("u", userId).param("now", SqlTime.utc(now)).param("by", by).update();
        return true;
    }

    public boolean removeMember(long groupId, long userId) {
        return jdbc.sql("delete from groupe_membre where groupe_id = :g and utilisateur_id = :u")
                .param("g", groupId).param("u", userId).update() > 0;
    }
}
