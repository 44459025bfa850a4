package fr.cdapgateway.simulator.routes;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

import fr.cdapgateway.config.CafCalendar;
import fr.cdapgateway.edge.GatewayRequests;
import fr.cdapgateway.simulator.DossierGenerator;

/**
 * The CDAP backend as the demo and the tests see it (SPEC §5): deterministic dossiers and every fault case.
 * It checks what a real backend would: the gateway's service credential and the user it acts for.
 */
@Component("cdapSimulator")
public class CdapSimulator {

    private final JsonMapper json;
    private final CafCalendar calendar;
    private final String expectedAuthorization;

    CdapSimulator(JsonMapper gatewayJsonMapper, CafCalendar calendar,
                  org.springframework.core.env.Environment environment) {
        this.json = gatewayJsonMapper;
        this.calendar = calendar;
        String credential = environment.getProperty("gateway.cdap.service-login") + ":"
                + environment.getProperty("gateway.cdap.service-password");
        this.expectedAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString(credential.getBytes(StandardCharsets.UTF_8));
    }

    public void answer(Exchange exchange) {
        Message message = exchange.getMessage();
        String numero = lastSegment(message.getHeader(Exchange.HTTP_URI, String.class));
        if (!expectedAuthorization.equals(message.getHeader("Authorization", String.class))) {
            respond(message, 401, Map.of("erreur", "service non authentifié"));
            return;
        }
        if (message.getHeader("X-Utilisateur") == null || message.getHeader("X-Convention") == null) {
            respond(message, 400, Map.of("erreur", "utilisateur et convention obligatoires"));
            return;
        }
        if (numero == null || !numero.matches("[0-9]{7}")) {
            respond(message, 400, Map.of("erreur", "numéro invalide"));
            return;
        }
        switch (numero) {
            case "9999500" -> respondRaw(message, 500, "text/plain",
                    "java.lang.NullPointerException\n\tat cdap.backend.DossierService.lire(DossierService.java:42)");
            case "9999503" -> respond(message, 503, Map.of("erreur", "service indisponible"));
            case "9999504" -> {
                respond(message, 200, DossierGenerator.dossier("1000042", today()).orElseThrow());
                exchange.setProperty(GatewayRequests.SIMULATOR_FAULT, "SLOW");
            }
            case "9999505" -> exchange.setProperty(GatewayRequests.SIMULATOR_FAULT, "RESET");
            case "9999599" -> respondRaw(message, 200, "application/json",
                    "{\"numeroAllocataire\":\"9999599\",\"allocataires\":[{\"nomNaissance\":\"DUR");
            default -> {
                Optional<Map<String, Object>> dossier = DossierGenerator.dossier(numero, today());
                if (dossier.isPresent()) {
                    respond(message, 200, dossier.get());
                } else {
                    respond(message, 404, Map.of("erreur", "dossier inconnu"));
                }
            }
        }
    }

    /** Closes the connection with a TCP reset (SO_LINGER 0), as a crashed backend or a firewall would. */
    public void resetConnection(Exchange exchange) {
        ChannelHandlerContext context = exchange.getMessage()
                .getHeader("CamelNettyChannelHandlerContext", ChannelHandlerContext.class);
        if (context != null) {
            context.channel().config().setOption(ChannelOption.SO_LINGER, 0);
            context.channel().close();
        }
        exchange.getMessage().setBody(null);
    }

    private LocalDate today() {
        return calendar.today();
    }

    private void respond(Message message, int status, Object body) {
        try {
            respondRaw(message, status, "application/json", json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respondRaw(Message message, int status, String contentType, String body) {
        message.removeHeaders("*", "CamelNettyChannelHandlerContext");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        message.setBody(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String lastSegment(String uri) {
        if (uri == null) {
            return null;
        }
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
