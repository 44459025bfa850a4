package fr.cdapgateway.admin.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import fr.cdapgateway.config.SqlTime;

/** Habilitations granted to an account or a group, as the admin API manages them. */
@Repository
public class HabilitationStore {

    public record HabilitationRecord(long id, String convention, Long utilisateurId, String utilisateur, Long groupeId,
                                     String service, String profil, LocalDate dateDebut, LocalDate dateFin,
                                     Instant suspendedAt, String grantedBy, Instant grantedAt, Instant endedAt,
                                     String endedBy) {

        public boolean ended() {
            return endedAt != null;
        }

        public String statut(LocalDate today) {
            if (endedAt != null) {
                return "TERMINEE";
            }
            if (dateFin != null && dateFin.isBefore(today)) {
                return "EXPIREE";
            }
            if (suspendedAt != null) {
                return "SUSPENDUE";
            }
            return dateDebut.isAfter(today) ? "A_VENIR" : "ACTIVE";
        }
    }

    public record Grant(String convention, Long utilisateurId, Long groupeId, String service, String profil,
                        LocalDate dateDebut, LocalDate dateFin) {
    }

    private static final String SELECT = """
            select h.id, h.convention, h.utilisateur_id, u.login, h.groupe_id, h.service, h.profil, h.date_debut,
                   h.date_fin, h.suspendue_le, h.accordee_par, h.accordee_le, h.terminee_le, h.terminee_par
              from habilitation h left join utilisateur u on u.id = h.utilisateur_id""";

    private final JdbcClient jdbc;

    public HabilitationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<HabilitationRecord> ofConvention(String convention) {
        return jdbc.sql(SELECT + " where h.convention = :convention order by h.id").param("convention", convention)
                .query(HabilitationStore::habilitation).list();
    }

    public Optional<HabilitationRecord> find(long id) {
        return jdbc.sql(SELECT + " where h.id = :id").param("id", id).query(HabilitationStore::habilitation).optional();
    }

    public List<Long> idsOf(long userId) {
        return jdbc.sql("select id from habilitation where utilisateur_id = :id order by id").param("id", userId)
                .query(Long.class).list();
    }

    /** Whether the account or group already holds an open habilitation with this profile. */
    public boolean holds(Grant grant, LocalDate today) {
        return jdbc.sql("""
                select count(*) from habilitation
                 where convention = :convention and service = :service and profil = :profil and terminee_le is null
                   and (date_fin is null or date_fin >= :today)
                   and (utilisateur_id = :userId or groupe_id = :groupId)""")
                .param("convention", grant.convention()).param("service", grant.service())
                .param("profil", grant.profil()).param("today", today)
                .param("userId", grant.utilisateurId() == null ? -1L : grant.utilisateurId())
                .param("groupId", grant.groupeId() == null ? -1L : grant.groupeId())
                .query(Integer.class).single() > 0;
    }

    public long insert(Grant grant, String by, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into habilitation (convention, utilisateur_id, groupe_id, service, profil, date_debut, date_fin,
                                          accordee_par, accordee_le)
                values (:convention, :userId, :groupId, :service, :profil, :debut, :fin, :by, :now)""")
                .param("convention", grant.convention()).param("userId", grant.utilisateurId())
                .param("groupId", grant.groupeId()).param("service", grant.service()).param("profil", grant.profil())
                .param("debut", grant.dateDebut()).param("fin", grant.dateFin()).param("by", by)
                .param("now", SqlTime.utc(now))
                .update(key, "id");
        return key.getKey().longValue();
    }

    public void end(long id, String by, Instant now) {
        jdbc.sql("update habilitation set terminee_le = :now, terminee_par = :by where id = :id and terminee_le is null")
                .param("now", SqlTime.utc(now)).param("by", by).param("id", id).update();
    }

    public List<Long> endAllOf(long userId, String by, Instant now) {
        List<Long> open = jdbc.sql("select id from habilitation where utilisateur_id = :id and terminee_le is null")
                .param("id", userId).query(Long.class).list();
        open.forEach(id -> end(id, by, now));
        return open;
    }

    public void suspend(long id, String by, Instant at) {
        jdbc.sql("update habilitation set suspendue_le = :at, suspendue_par = :by where id = :id")
                .param("at", SqlTime.utc(at)).param("by", by).param("id", id).update();
    }

    /** The open habilitations of a group, whose profiles a new member will count against. */
    public List<HabilitationRecord> openOfGroup(long groupId, LocalDate today) {
        return jdbc.sql(SELECT + " where h.groupe_id = :id and h.terminee_le is null"
                        + " and (h.date_fin is null or h.date_fin >= :today) order by h.id")
                .param("id", groupId).param("today", today).query(HabilitationStore::habilitation).list();
    }

    private static HabilitationRecord habilitation(ResultSet rs, int row) throws SQLException {
        long userId = rs.getLong("utilisateur_id");
        Long utilisateurId = rs.wasNull() ? null : userId;
        long groupId = rs.getLong("groupe_id");
        Long groupeId = rs.wasNull() ? null : groupId;
        return new HabilitationRecord(rs.getLong("id"), rs.getString("convention"), utilisateurId,
                rs.getString("login"), groupeId, rs.getString("service"), rs.getString("profil"),
                rs.getObject("date_debut", LocalDate.class), rs.getObject("date_fin", LocalDate.class),
                SqlTime.instant(rs.getTimestamp("suspendue_le")), rs.getString("accordee_par"),
                SqlTime.instant(rs.getTimestamp("accordee_le")), SqlTime.instant(rs.getTimestamp("terminee_le")),
                rs.getString("terminee_par"));
    }
}
