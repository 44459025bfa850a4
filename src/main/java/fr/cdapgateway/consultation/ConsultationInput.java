package fr.cdapgateway.consultation;

import java.time.LocalDate;
import java.util.List;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.api.RequestUri;
import fr.cdapgateway.config.CafCalendar;

/** Reads and validates what a consultation asks for, before any habilitation check or backend call. */
@Component("consultationInput")
public class ConsultationInput {

    public static final String NUMERO = "gatewayNumero";
    public static final String PERIOD = "gatewayPeriod";

    private final CafCalendar calendar;

    ConsultationInput(CafCalendar calendar) {
        this.calendar = calendar;
    }

    public void dossier(Exchange exchange) {
        NumeroAllocataire numero = new NumeroAllocataire(RequestUri.of(exchange).segmentAfter("dossiers"));
        GatewayRequest.of(exchange).numeroAllocataire(numero.value());
        exchange.setProperty(NUMERO, numero);
    }

    public void quotientFamilial(Exchange exchange) {
        dossier(exchange);
        RequestUri uri = RequestUri.of(exchange);
        LocalDate today = calendar.today();
        exchange.setProperty(PERIOD, Period.resolve(single(uri, "annee"), single(uri, "mois"), today));
    }

    private static String single(RequestUri uri, String name) {
        List<String> values = uri.queryValues(name);
        if (values.size() > 1) {
            throw new ProblemException(Problem.INVALID_PERIOD, "Le paramètre " + name + " est donné plusieurs fois.");
        }
        return values.isEmpty() ? null : values.get(0);
    }
}
