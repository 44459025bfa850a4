package fr.cdapgateway.habilitation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import fr.cdapgateway.config.SqlTime;

/** Conventions and habilitations in the database. Named parameters only. */
@Repository
class HabilitationRepository {

    private final JdbcClient jdbc;

    HabilitationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Habilitation> habilitationsOf(long userId) {
        // the account's own habilitations and those of the groups it belongs to
        return jdbc.sql("""
                select id, convention, service, profil, date_debut, date_fin, suspendue_le, terminee_le
                  from habilitation where utilisateur_id = :userId
                union
                select h.id, h.convention, h.service, h.profil, h.date_debut, h.date_fin, h.suspendue_le, h.terminee_le
                  from habilitation h join groupe_membre m on m.groupe_id = h.groupe_id
                 where m.utilisateur_id = :userId
                order by id""")
                .param("userId", userId)
                .query(HabilitationRepository::habilitation)
                .list();
    }

    Optional<Convention> convention(String numero) {
        return jdbc.sql("""
                select numero, caf, partenaire_nom, partenaire_siret, mode, date_debut, date_fin, ouverte_le, autres_caf
                  from convention where numero = :numero""")
                .param("numero", numero)
                .query((rs, row) -> new Convention(rs.getString("numero"), rs.getString("caf"),
                        rs.getString("partenaire_nom"), rs.getString("partenaire_siret"), rs.getString("mode"),
                        motifs(numero), quotas(numero), rs.getObject("date_debut", java.time.LocalDate.class),
                        rs.getObject("date_fin", java.time.LocalDate.class),
                        rs.getObject("ouverte_le", java.time.LocalDate.class),
                        Convention.OtherCaf.valueOf(rs.getString("autres_caf"))))
                .optional();
    }

    private List<String> motifs(String numero) {
        return jdbc.sql("select code from convention_motif where convention = :numero order by code")
                .param("numero", numero)
                .query(String.class)
                .list();
    }

    private Map<String, Map<String, Integer>> quotas(String numero) {
        Map<String, Map<String, Integer>> quotas = new LinkedHashMap<>();
        jdbc.sql("select service, profil, maximum from convention_quota where convention = :numero order by service, profil")
                .param("numero", numero)
                .query((rs, row) -> quotas.computeIfAbsent(rs.getString("service"), s -> new LinkedHashMap<>())
                        .put(rs.getString("profil"), rs.getInt("maximum")))
                .list();
        return quotas;
    }

    private static Habilitation habilitation(ResultSet rs, int row) throws SQLException {
        return new Habilitation(rs.getLong("id"), rs.getString("convention"), rs.getString("service"),
                rs.getString("profil"), rs.getObject("date_debut", java.time.LocalDate.class),
                rs.getObject("date_fin", java.time.LocalDate.class), SqlTime.instant(rs.getTimestamp("suspendue_le")),
                SqlTime.instant(rs.getTimestamp("terminee_le")));
    }

}
