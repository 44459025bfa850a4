package fr.cdapgateway.consultation;

import java.time.Clock;
import java.time.LocalDate;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.config.GatewayProperties;

/** Reads and validates what a consultation asks for, before any habilitation check or backend call. */
@Component("consultationInput")
public class ConsultationInput {

    public static final String NUMERO = "gatewayNumero";
    public static final String PERIOD = "gatewayPeriod";

    private final Clock clock;
    private final GatewayProperties properties;

    ConsultationInput(Clock clock, GatewayProperties properties) {
        this.clock = clock;
        this.properties = properties;
    }

    public void dossier(Exchange exchange) {
        String raw = exchange.getMessage().getHeader("numeroAllocataire", String.class);
        NumeroAllocataire numero = new NumeroAllocataire(raw);
        GatewayRequest.of(exchange).numeroAllocataire(numero.value());
        exchange.setProperty(NUMERO, numero);
    }

    public void quotientFamilial(Exchange exchange) {
        dossier(exchange);
        Message in = exchange.getMessage();
        LocalDate today = LocalDate.now(clock.withZone(properties.zone()));
        exchange.setProperty(PERIOD, Period.resolve(in.getHeader("annee", String.class),
                in.getHeader("mois", String.class), today));
    }
}
