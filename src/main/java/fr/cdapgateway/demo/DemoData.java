package fr.cdapgateway.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import fr.cdapgateway.auth.PasswordHasher;

/**
 * The demo conventions and accounts of SPEC §12 (fictional people), loaded once into an empty database
 * before the routes start, and printed with a warning. Never with the prod profile.
 */
@Component
@ConditionalOnProperty(name = "gateway.demo", havingValue = "true")
class DemoData implements InitializingBean {

    static final String PASSWORD = "Demo-Cdap-2026!";
    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

    /** {@code escaladeHeures}: the service contract's escalation delay (48 h in Niort's, 5 days in Cherbourg's). */
    record DemoConvention(String numero, String caf, String partenaire, String siret, String mode,
                          LocalDate debut, List<String> motifs, Map<String, Integer> quotasCdap, Integer escaladeHeures) {
    }

    record DemoAccount(String login, String caf, String convention, String prenom, String nom, String email,
                       String fonction, String type, String role, String numeroInstructeur, String profil) {
    }

    static final List<DemoConvention> CONVENTIONS = List.of(
            new DemoConvention("79-2017-19", "791", "Mairie de Niort", "21790191700013", "DELEGUE",
                    LocalDate.of(2017, 10, 1),
                    List.of("RESTAURATION_SCOLAIRE", "ACCUEIL_PERISCOLAIRE", "CENTRE_LOISIRS", "ACTIVITES_SPORTIVES"),
                    Map.of("T2", 10), 48),
            new DemoConvention("2024-12", "501", "Caisse des Écoles de Cherbourg-en-Cotentin", null, "DELEGUE",
                    LocalDate.of(2024, 9, 1), List.of("RESTAURATION_SCOLAIRE"), Map.of("T2", 5), 120),
            new DemoConvention("79-DEMO-RSA", "791", "Département des Deux-Sèvres", null, "CENTRALISE",
                    LocalDate.of(2025, 1, 1),
                    List.of("INSTRUCTION_RSA", "SUIVI_RSA", "CONTENTIEUX_RSA", "ACTION_SOCIALE"),
                    Map.of("T1", 5, "T4", 3, "T5", 3, "T18", 2), null));

    static final List<DemoAccount> ACCOUNTS = List.of(
            new DemoAccount("caf79.admin", "791", null, "Véronique", "ALLARD", "veronique.allard@caf79.example",
                    "Correspondante partenaires CAF des Deux-Sèvres", "PERSONNE", "CAF_ADMIN", null, null),
            new DemoAccount("caf50.admin", "501", null, "Erwan", "LE ROUX", "erwan.leroux@caf50.example",
                    "Correspondant partenaires CAF de la Manche", "PERSONNE", "CAF_ADMIN", null, null),
            new DemoAccount("niort.admin", "791", "79-2017-19", "Hélène", "VASSEUR", "helene.vasseur@niort.example",
                    "Responsable du service éducation", "PERSONNE", "ADMIN_PRINCIPAL", null, null),
            new DemoAccount("niort.suppleant", "791", "79-2017-19", "Karim", "BENALI", "karim.benali@niort.example",
                    "Adjoint au responsable du service éducation", "PERSONNE", "ADMIN_SUPPLEANT", null, null),
            new DemoAccount("niort.gestion", "791", "79-2017-19", "Nadia", "FONTAINE", "nadia.fontaine@niort.example",
                    "Gestionnaire des habilitations", "PERSONNE", "GESTIONNAIRE", null, null),
            new DemoAccount("niort.agent1", "791", "79-2017-19", "Lucie", "MARCHETTI",
                    "lucie.marchetti@niort.example", "Agent de facturation restauration scolaire", "PERSONNE",
                    "UTILISATEUR", null, "T2"),
            new DemoAccount("niort.agent2", "791", "79-2017-19", "Thierry", "BOUCHET", "thierry.bouchet@niort.example",
                    "Agent d'accueil périscolaire", "PERSONNE", "UTILISATEUR", null, "T2"),
            new DemoAccount("niort.robot", "791", "79-2017-19", "Sonde", "SUPERVISION", "supervision.si@niort.example",
                    "Compte technique de supervision", "TECHNIQUE", "UTILISATEUR", null, null),
            new DemoAccount("cherbourg.admin", "501", "2024-12", "Yann", "LE GOFF", "yann.legoff@cherbourg.example",
                    "Directeur de la caisse des écoles", "PERSONNE", "ADMIN_PRINCIPAL", null, null),
            new DemoAccount("cherbourg.agent1", "501", "2024-12", "Gaëlle", "LEBRETON",
                    "gaelle.lebreton@cherbourg.example", "Agent de facturation", "PERSONNE", "UTILISATEUR", null, "T2"),
            new DemoAccount("dep79.admin", "791", "79-DEMO-RSA", "Pascale", "RENAUD", "pascale.renaud@dep79.example",
                    "Cheffe du service insertion", "PERSONNE", "ADMIN_PRINCIPAL", null, null),
            new DemoAccount("dep79.social", "791", "79-DEMO-RSA", "Samia", "HADDAD", "samia.haddad@dep79.example",
                    "Assistante sociale de secteur", "PERSONNE", "UTILISATEUR", null, "T1"),
            new DemoAccount("dep79.instructeur", "791", "79-DEMO-RSA", "Bruno", "TESSIER",
                    "bruno.tessier@dep79.example", "Instructeur RSA", "PERSONNE", "UTILISATEUR", "INS-79-0042", "T4"),
            new DemoAccount("dep79.suivi", "791", "79-DEMO-RSA", "Manon", "COLIN", "manon.colin@dep79.example",
                    "Référente de parcours RSA", "PERSONNE", "UTILISATEUR", null, "T5"),
            new DemoAccount("dep79.contentieux", "791", "79-DEMO-RSA", "Rémi", "JOUBERT", "remi.joubert@dep79.example",
                    "Chargé du contentieux RSA", "PERSONNE", "UTILISATEUR", null, "T18"));

    /** One contact of Annexe 1 (fictional people; the roles the seeds leave blank stay blank). */
    record DemoContact(String convention, String cote, String role, String prenom, String nom, String fonction,
                       String email, String telephone, String login) {
    }

    static final List<DemoContact> CONTACTS = List.of(
            // Niort: the seed names the CAF's security officer and guichet, the partner's administrator and security
            // officer; the substitute and the DPO ("CIL") are blank there, and stay blank here
            new DemoContact("79-2017-19", "CAF", "RESPONSABLE_SECURITE", "Bernard", "ROUSSEL", "Agent comptable",
                    "bernard.roussel@caf79.example", "05 49 00 35 08", null),
            new DemoContact("79-2017-19", "CAF", "GUICHET", null, "Guichet unique du centre de services", null,
                    "guichet.partenaires@caf79.example", "05 49 00 34 24", null),
            new DemoContact("79-2017-19", "PARTENAIRE", "ADMINISTRATEUR_PRINCIPAL", "Hélène", "VASSEUR",
                    "Responsable du service éducation", "helene.vasseur@niort.example", "05 49 00 78 83", "niort.admin"),
            new DemoContact("79-2017-19", "PARTENAIRE", "RESPONSABLE_SECURITE", "Olivier", "MERCIER",
                    "Responsable de la sécurité des systèmes d'information", "olivier.mercier@niort.example",
                    "05 49 00 78 84", null),
            new DemoContact("79-2017-19", "PARTENAIRE", "RESPONSABLE_SERVICES", "Hélène", "VASSEUR",
                    "Responsable du service éducation", "helene.vasseur@niort.example", "05 49 00 78 83", "niort.admin"),
            new DemoContact("79-2017-19", "PARTENAIRE", "ESCALADE_1", "Hélène", "VASSEUR",
                    "Responsable du service éducation", "helene.vasseur@niort.example", "05 49 00 78 83", "niort.admin"),
            // Cherbourg: the CAF's side is filled; on the partner's, only the administrator (security officer and
            // DPO are blank in the seed)
            new DemoContact("2024-12", "CAF", "RESPONSABLE_MCP", "Erwan", "LE ROUX",
                    "Responsable « Mon Compte Partenaire »", "erwan.leroux@caf50.example", "02 33 00 66 20",
                    "caf50.admin"),
            new DemoContact("2024-12", "CAF", "RESPONSABLE_SECURITE", "Armelle", "QUESNEL", "Responsable sécurité",
                    "armelle.quesnel@caf50.example", null, null),
            new DemoContact("2024-12", "CAF", "DPO", "Erwan", "LE ROUX", "Délégué à la protection des données",
                    "erwan.leroux@caf50.example", null, "caf50.admin"),
            new DemoContact("2024-12", "CAF", "GUICHET", null, "Guichet unique du centre de services", null,
                    "guichet.partenaires@caf50.example", "02 33 00 66 20", null),
            new DemoContact("2024-12", "CAF", "ESCALADE_1", "Louise", "HAMEL", "Administratrice Mon Compte Partenaire",
                    "louise.hamel@caf50.example", "02 33 00 66 20", null),
            new DemoContact("2024-12", "PARTENAIRE", "ADMINISTRATEUR_PRINCIPAL", "Yann", "LE GOFF",
                    "Directeur de la caisse des écoles", "yann.legoff@cherbourg.example", "06 00 32 22 87",
                    "cherbourg.admin"),
            // the Département (fictional convention): every mandatory role filled
            new DemoContact("79-DEMO-RSA", "CAF", "RESPONSABLE_SECURITE", "Bernard", "ROUSSEL", "Agent comptable",
                    "bernard.roussel@caf79.example", "05 49 00 35 08", null),
            new DemoContact("79-DEMO-RSA", "CAF", "GUICHET", null, "Guichet unique du centre de services", null,
                    "guichet.partenaires@caf79.example", "05 49 00 34 24", null),
            new DemoContact("79-DEMO-RSA", "PARTENAIRE", "ADMINISTRATEUR_PRINCIPAL", "Pascale", "RENAUD",
                    "Cheffe du service insertion", "pascale.renaud@dep79.example", null, "dep79.admin"),
            new DemoContact("79-DEMO-RSA", "PARTENAIRE", "RESPONSABLE_SECURITE", "Julien", "PERRIN",
                    "Responsable de la sécurité des systèmes d'information", "julien.perrin@dep79.example", null, null),
            new DemoContact("79-DEMO-RSA", "PARTENAIRE", "RESPONSABLE_SERVICES", "Pascale", "RENAUD",
                    "Cheffe du service insertion", "pascale.renaud@dep79.example", null, "dep79.admin"));

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final PasswordHasher hasher;
    private final Clock clock;

    DemoData(JdbcClient jdbc, TransactionTemplate transactions, PasswordHasher hasher, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.hasher = hasher;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        boolean present = jdbc.sql("select count(*) from convention where numero = :numero")
                .param("numero", CONVENTIONS.get(0).numero()).query(Integer.class).single() > 0;
        if (!present) {
            // one hash for all demo accounts: they share the documented demo password anyway
            String hash = hasher.hash(PASSWORD);
            transactions.executeWithoutResult(status -> load(hash));
        }
        transactions.executeWithoutResult(status -> loadContactsIfNone());
        announce();
    }

    /** The contacts of Annexe 1, for each demo convention that has none (a demo database made before them too). */
    private void loadContactsIfNone() {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        for (DemoConvention c : CONVENTIONS) {
            boolean none = jdbc.sql("select count(*) from interlocuteurs_version where convention = :c")
                    .param("c", c.numero()).query(Integer.class).single() == 0;
            if (!none) {
                continue;
            }
            GeneratedKeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("""
                    insert into interlocuteurs_version (convention, avenant, le, par)
                    values (:c, 'convention initiale', :now, 'demo')""")
                    .param("c", c.numero()).param("now", now).update(key, "id");
            long version = key.getKey().longValue();
            CONTACTS.stream().filter(contact -> contact.convention().equals(c.numero())).forEach(contact -> jdbc.sql("""
                    insert into interlocuteur (version_id, cote, role, nom, prenom, fonction, email, telephone, login)
                    values (:v, :cote, :role, :nom, :prenom, :fonction, :email, :telephone, :login)""")
                    .param("v", version).param("cote", contact.cote()).param("role", contact.role())
                    .param("nom", contact.nom()).param("prenom", contact.prenom()).param("fonction", contact.fonction())
                    .param("email", contact.email()).param("telephone", contact.telephone())
                    .param("login", contact.login()).update());
        }
    }

    private void load(String hash) {
        var now = clock.instant().atOffset(ZoneOffset.UTC);
        for (DemoConvention c : CONVENTIONS) {
            jdbc.sql("""
                    insert into convention (numero, caf, partenaire_nom, partenaire_siret, mode, date_debut, cree_le,
                                            signee_le, ouverte_le, escalade_heures)
                    values (:numero, :caf, :nom, :siret, :mode, :debut, :now, :debut, :debut, :escalade)""")
                    .param("escalade", c.escaladeHeures())
                    .param("numero", c.numero()).param("caf", c.caf()).param("nom", c.partenaire())
                    .param("siret", c.siret()).param("mode", c.mode()).param("debut", c.debut()).param("now", now)
                    .update();
            c.motifs().forEach(motif -> jdbc.sql("insert into convention_motif (convention, code) values (:c, :m)")
                    .param("c", c.numero()).param("m", motif).update());
            c.quotasCdap().forEach((profil, max) -> jdbc.sql("""
                    insert into convention_quota (convention, service, profil, maximum)
                    values (:c, 'CDAP', :profil, :max)""")
                    .param("c", c.numero()).param("profil", profil).param("max", max).update());
        }
        for (DemoAccount a : ACCOUNTS) {
            jdbc.sql("""
                    insert into utilisateur (login, caf, convention, nom, prenom, email, fonction, type, role,
                                             numero_instructeur, mot_de_passe_hash, mot_de_passe_change_le,
                                             doit_changer_mot_de_passe, cree_le, cree_par, active_le)
                    values (:login, :caf, :convention, :nom, :prenom, :email, :fonction, :type, :role,
                            :instructeur, :hash, :now, false, :now, 'demo', :now)""")
                    .param("login", a.login()).param("caf", a.caf()).param("convention", a.convention())
                    .param("nom", a.nom()).param("prenom", a.prenom()).param("email", a.email())
                    .param("fonction", a.fonction()).param("type", a.type()).param("role", a.role())
                    .param("instructeur", a.numeroInstructeur()).param("hash", hash).param("now", now)
                    .update();
            long id = idOf(a.login());
            if (a.profil() != null) {
                jdbc.sql("""
                        insert into habilitation (convention, utilisateur_id, service, profil, date_debut,
                                                  accordee_par, accordee_le)
                        values (:convention, :id, 'CDAP', :profil, :debut, 'demo', :now)""")
                        .param("convention", a.convention()).param("id", id).param("profil", a.profil())
                        .param("debut", LocalDate.of(2025, 9, 1)).param("now", now).update();
            }
        }
        loadUsageHistory();
        LOG.info("demo data loaded: {} conventions, {} accounts", CONVENTIONS.size(), ACCOUNTS.size());
    }

    /**
     * A past year of usage counts for the demo conventions (SPEC §14.7), so the bilan page has something to show on
     * the first start: synthetic and deterministic, a school year's rhythm (September high, summer low), for the 24
     * months before the current one. The nightly job adds the demo's own traces to them.
     */
    private void loadUsageHistory() {
        int[] rhythm = {110, 85, 60, 75, 70, 72, 55, 65, 90, 20, 15, 240}; // October .. September
        java.time.YearMonth current = java.time.YearMonth.now(clock.withZone(java.time.ZoneId.of("Europe/Paris")));
        for (DemoConvention c : CONVENTIONS) {
            String profil = c.quotasCdap().containsKey("T2") ? "T2" : c.quotasCdap().keySet().iterator().next();
            int scale = c.quotasCdap().values().stream().mapToInt(Integer::intValue).sum();
            for (int back = 24; back >= 1; back--) {
                java.time.YearMonth month = current.minusMonths(back);
                int served = rhythm[(month.getMonthValue() + 2) % 12] * scale / 2;
                for (int m = 0; m < Math.min(2, c.motifs().size()); m++) {
                    statistic(c.numero(), month, profil, c.motifs().get(m), 200, "", served / (m + 1));
                }
                statistic(c.numero(), month, profil, c.motifs().get(0), 404, "dossier-not-found", served / 150 + 1);
                if (month.getMonthValue() == 9) {
                    statistic(c.numero(), month, profil, c.motifs().get(0), 403, "motif-not-allowed", 3);
                }
            }
        }
    }

    private void statistic(String convention, java.time.YearMonth month, String profil, String motif, int statut,
                           String code, int count) {
        jdbc.sql("""
                insert into statistique (convention, mois, profil, motif, action, statut, code, nombre, autre_caf)
                values (:c, :mois, :profil, :motif, 'CONSULTATION_QF', :statut, :code, :nombre, 0)""")
                .param("c", convention).param("mois", month.atDay(1)).param("profil", profil).param("motif", motif)
                .param("statut", statut).param("code", code).param("nombre", count).update();
    }

    private long idOf(String login) {
        return jdbc.sql("select id from utilisateur where login = :login").param("login", login)
                .query(Long.class).single();
    }

    private static void announce() {
        StringBuilder text = new StringBuilder();
        text.append("\n!! DEMO MODE: fictional conventions and accounts are loaded. Never use in production.")
                .append("\n!! Every demo account's password is ").append(PASSWORD)
                .append("\n!! Accounts: ");
        ACCOUNTS.forEach(a -> text.append("\n!!   ").append(String.format("%-18s %-15s %-12s %s", a.login(), a.role(),
                a.convention() == null ? "CAF " + a.caf() : a.convention(),
                a.profil() == null ? (a.type().equals("TECHNIQUE") ? "compte technique" : "") : "CDAP " + a.profil())));
        text.append("\n!! Try: curl -u niort.agent1:").append(PASSWORD)
                .append(" -H 'X-Motif: RESTAURATION_SCOLAIRE' http://localhost:8080/api/v1/dossiers/1000042/quotient-familial");
        // the banner is for the person who just started the demo; the log line is for the log collector
        System.out.println(text);
        LOG.warn("demo mode: fictional conventions and accounts with a public password are loaded");
    }
}
