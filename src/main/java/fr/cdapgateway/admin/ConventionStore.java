package fr.cdapgateway.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import fr.cdapgateway.config.SqlTime;

/** Conventions, their purposes and quotas, as the admin API reads and writes them. */
@Repository
class ConventionStore {

    record ConventionRecord(String numero, String caf, String partenaireNom, String partenaireSiret, String mode,
                            LocalDate dateDebut, LocalDate dateFin, List<String> motifs,
                            Map<String, Map<String, Integer>> services) {

        boolean centralise() {
            return "CENTRALISE".equals(mode);
        }
    }

    private final JdbcClient jdbc;

    ConventionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ConventionRecord> ofCaf(String caf) {
        return jdbc.sql("select numero from convention where caf = :caf order by numero").param("caf", caf)
                .query(String.class).list().stream().map(n -> find(n).orElseThrow()).toList();
    }

    Optional<ConventionRecord> find(String numero) {
        return jdbc.sql("""
                select numero, caf, partenaire_nom, partenaire_siret, mode, date_debut, date_fin
                  from convention where numero = :numero""")
                .param("numero", numero)
                .query((rs, row) -> new ConventionRecord(rs.getString("numero"), rs.getString("caf"),
                        rs.getString("partenaire_nom"), rs.getString("partenaire_siret"), rs.getString("mode"),
                        rs.getObject("date_debut", LocalDate.class), rs.getObject("date_fin", LocalDate.class),
                        motifs(numero), services(numero)))
                .optional();
    }

    void insert(ConventionRecord c, Instant now) {
        jdbc.sql("""
                insert into convention (numero, caf, partenaire_nom, partenaire_siret, mode, date_debut, date_fin, cree_le)
                values (:numero, :caf, :nom, :siret, :mode, :debut, :fin, :now)""")
                .param("numero", c.numero()).param("caf", c.caf()).param("nom", c.partenaireNom())
                .param("siret", c.partenaireSiret()).param("mode", c.mode()).param("debut", c.dateDebut())
                .param("fin", c.dateFin()).param("now", SqlTime.utc(now))
                .update();
        replaceMotifs(c.numero(), c.motifs());
        replaceServices(c.numero(), c.services());
    }

    void updateMode(String numero, String mode) {
        jdbc.sql("update convention set mode = :mode where numero = :numero")
                .param("mode", mode).param("numero", numero).update();
    }

    void updateDateFin(String numero, LocalDate dateFin) {
        jdbc.sql("update convention set date_fin = :fin where numero = :numero")
                .param("fin", dateFin).param("numero", numero).update();
    }

    void replaceMotifs(String numero, List<String> motifs) {
        jdbc.sql("delete from convention_motif where convention = :numero").param("numero", numero).update();
        for (String motif : motifs) {
            jdbc.sql("insert into convention_motif (convention, code) values (:numero, :code)")
                    .param("numero", numero).param("code", motif).update();
        }
    }

    void replaceServices(String numero, Map<String, Map<String, Integer>> services) {
        jdbc.sql("delete from convention_quota where convention = :numero").param("numero", numero).update();
        services.forEach((service, quotas) -> quotas.forEach((profil, maximum) -> jdbc.sql("""
                insert into convention_quota (convention, service, profil, maximum)
                values (:numero, :service, :profil, :maximum)""")
                .param("numero", numero).param("service", service).param("profil", profil)
                .param("maximum", maximum).update()));
    }

    private List<String> motifs(String numero) {
        return jdbc.sql("select code from convention_motif where convention = :numero order by code")
                .param("numero", numero).query(String.class).list();
    }

    private Map<String, Map<String, Integer>> services(String numero) {
        Map<String, Map<String, Integer>> services = new LinkedHashMap<>();
        jdbc.sql("select service, profil, maximum from convention_quota where convention = :numero order by service, profil")
                .param("numero", numero)
                .query(rs -> {
                    services.computeIfAbsent(rs.getString("service"), s -> new LinkedHashMap<>())
                            .put(rs.getString("profil"), rs.getInt("maximum"));
                });
        return services;
    }
}
