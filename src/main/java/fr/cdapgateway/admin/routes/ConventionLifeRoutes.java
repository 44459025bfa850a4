package fr.cdapgateway.admin.routes;

import static fr.cdapgateway.admin.routes.AdminCalls.caller;
import static fr.cdapgateway.admin.routes.AdminCalls.request;
import static fr.cdapgateway.admin.routes.AdminCalls.segment;

import java.util.List;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.AnnualBilan;
import fr.cdapgateway.admin.ConventionLife;
import fr.cdapgateway.api.Csv;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.edge.RequestUri;
import fr.cdapgateway.statistics.UsageStatistics.Count;

/**
 * The convention's life (SPEC §14.7, §14.8): opening, resiliation, statistics, the annual bilan and its minutes;
 * adapters over {@link ConventionLife} and {@link AnnualBilan}.
 */
@Component("adminConventionLife")
public class ConventionLifeRoutes {

    private final ConventionLife life;
    private final AnnualBilan bilans;
    private final AdminCalls calls;

    ConventionLifeRoutes(ConventionLife life, AnnualBilan bilans, AdminCalls calls) {
        this.life = life;
        this.bilans = bilans;
        this.calls = calls;
    }

    public void open(Exchange exchange) {
        var caller = caller(exchange);
        calls.ok(exchange, life.open(caller, segment(exchange, "conventions"),
                calls.optionalBody(exchange, ConventionLife.Opening.class, "{\"le\":\"AAAA-MM-JJ\"} ou rien"),
                request(exchange)));
    }

    public void resiliate(Exchange exchange) {
        var caller = caller(exchange);
        calls.ok(exchange, life.resiliate(caller, segment(exchange, "conventions"), calls.body(exchange,
                ConventionLife.ResiliationBody.class,
                "{\"type\":\"PREAVIS\"|\"MANQUEMENT\",\"lettreRecueLe\":\"AAAA-MM-JJ\",\"effetLe\":\"AAAA-MM-JJ\"}"),
                request(exchange)));
    }

    public void withdraw(Exchange exchange) {
        calls.ok(exchange, life.withdraw(caller(exchange), segment(exchange, "conventions"), request(exchange)));
    }

    /** {@code GET .../statistiques?de=AAAA-MM&a=AAAA-MM[&format=csv]}. */
    public void statistics(Exchange exchange) {
        RequestUri uri = RequestUri.of(exchange);
        AnnualBilan.Statistics statistics = bilans.statistics(caller(exchange), segment(exchange, "conventions"),
                first(uri.queryValues("de")), first(uri.queryValues("a")), request(exchange));
        if (AdminCalls.query(exchange, "format", "csv")) {
            StringBuilder csv = new StringBuilder();
            Csv.row(csv, "mois", "profil", "motif", "action", "statut", "code", "nombre", "autreCaf");
            for (Count c : statistics.lignes()) {
                Csv.row(csv, c.mois(), c.profil(), c.motif(), c.action(), c.statut(), c.code(), c.nombre(),
                        c.autreCaf());
            }
            calls.csv(exchange, "statistiques-" + statistics.convention() + ".csv", csv.toString());
        } else {
            calls.ok(exchange, statistics);
        }
    }

    public void bilan(Exchange exchange) {
        AnnualBilan.Bilan bilan = bilans.bilan(caller(exchange), segment(exchange, "conventions"), year(exchange),
                request(exchange));
        if (AdminCalls.query(exchange, "format", "csv")) {
            calls.csv(exchange, "bilan-" + bilan.convention() + "-" + bilan.annee() + ".csv", AnnualBilan.csv(bilan));
        } else {
            calls.ok(exchange, bilan);
        }
    }

    public void writeMinutes(Exchange exchange) {
        var caller = caller(exchange);
        calls.created(exchange, bilans.writeMinutes(caller, segment(exchange, "conventions"), year(exchange),
                calls.body(exchange, AnnualBilan.MinutesBody.class,
                        "{\"redacteur\":\"CAF\"|\"PARTENAIRE\",\"texte\":\"...\"}"), request(exchange)));
    }

    public void validateMinutes(Exchange exchange) {
        calls.ok(exchange, bilans.validateMinutes(caller(exchange), segment(exchange, "conventions"), year(exchange),
                request(exchange)));
    }

    private static int year(Exchange exchange) {
        String value = segment(exchange, "bilans");
        if (value == null || !value.matches("[0-9]{4}")) {
            throw new ProblemException(Problem.INVALID_REQUEST, "annee : quatre chiffres (AAAA).");
        }
        return Integer.parseInt(value);
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? null : values.get(0);
    }
}
