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

/** Requests filed by the partner managers of a CENTRALISE convention, for a CAF admin to decide. */
@Repository
public class DemandeStore {

    public record DemandeRecord(long id, String convention, String nature, String utilisateur, Long groupeId,
                                Long habilitationId, String service, String profil, LocalDate dateDebut,
                                LocalDate dateFin, String statut, String demandeePar, Instant demandeeLe,
                                String decideePar, Instant decideeLe, String motifDecision, String contenu) {
    }

    private static final String SELECT = """
            select id, convention, nature, utilisateur, groupe_id, habilitation_id, service, profil, date_debut,
                   date_fin, statut, demandee_par, demandee_le, decidee_par, decidee_le, motif_decision, contenu
              from demande""";

    private final JdbcClient jdbc;

    public DemandeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long file(DemandeRecord d, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into demande (convention, nature, utilisateur, groupe_id, habilitation_id, service, profil,
                                     date_debut, date_fin, statut, demandee_par, demandee_le, contenu)
                values (:convention, :nature, :utilisateur, :groupe, :habilitation, :service, :profil, :debut, :fin,
                        'EN_ATTENTE', :by, :now, :contenu)""")
                .param("convention", d.convention()).param("nature", d.nature()).param("utilisateur", d.utilisateur())
                .param("groupe", d.groupeId()).param("habilitation", d.habilitationId()).param("service", d.service())
                .param("profil", d.profil()).param("debut", d.dateDebut()).param("fin", d.dateFin())
                .param("by", d.demandeePar()).param("now", SqlTime.utc(now)).param("contenu", d.contenu())
                .update(key, "id");
        return key.getKey().longValue();
    }

    public List<DemandeRecord> ofConvention(String convention) {
        return jdbc.sql(SELECT + " where convention = :convention order by id").param("convention", convention)
                .query(DemandeStore::demande).list();
    }

    /** The pending requests of every convention of a CAF, oldest first. */
    public List<DemandeRecord> pendingOfCaf(String caf) {
        return jdbc.sql(SELECT + " where statut = 'EN_ATTENTE' and convention in (select numero from convention"
                        + " where caf = :caf) order by id").param("caf", caf)
                .query(DemandeStore::demande).list();
    }

    public Optional<DemandeRecord> find(long id) {
        return jdbc.sql(SELECT + " where id = :id").param("id", id).query(DemandeStore::demande).optional();
    }

    /** Records the decision only if the request is still pending: false when someone decided first. */
    public boolean decide(long id, String statut, String by, String motif, Long habilitationId, Instant now) {
        return jdbc.sql("""
                update demande set statut = :statut, decidee_par = :by, decidee_le = :now, motif_decision = :motif,
                                   habilitation_id = coalesce(:habilitation, habilitation_id)
                 where id = :id and statut = 'EN_ATTENTE'""")
                .param("statut", statut).param("by", by).param("now", SqlTime.utc(now)).param("motif", motif)
                .param("habilitation", habilitationId).param("id", id)
                .update() == 1;
    }

    private static DemandeRecord demande(ResultSet rs, int row) throws SQLException {
        long groupId = rs.getLong("groupe_id");
        Long groupeId = rs.wasNull() ? null : groupId;
        long habId = rs.getLong("habilitation_id");
        Long habilitationId = rs.wasNull() ? null : habId;
        return new DemandeRecord(rs.getLong("id"), rs.getString("convention"), rs.getString("nature"),
                rs.getString("utilisateur"), groupeId, habilitationId, rs.getString("service"), rs.getString("profil"),
                rs.getObject("date_debut", LocalDate.class), rs.getObject("date_fin", LocalDate.class),
                rs.getString("statut"), rs.getString("demandee_par"), SqlTime.instant(rs.getTimestamp("demandee_le")),
                rs.getString("decidee_par"), SqlTime.instant(rs.getTimestamp("decidee_le")),
                rs.getString("motif_decision"), rs.getString("contenu"));
    }
}
