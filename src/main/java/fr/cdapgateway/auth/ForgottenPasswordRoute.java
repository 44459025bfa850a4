package fr.cdapgateway.auth;

import java.util.Map;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import fr.cdapgateway.api.Answers;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.JsonBodies;

/** {@code POST /api/v1/mot-de-passe-oublie}: the adapter over {@link ForgottenPassword}; 202 whatever the login. */
@Component("forgottenPasswordRoute")
public class ForgottenPasswordRoute {

    record Body(String login) {
    }

    static final String SAID = "Si cet identifiant désigne un compte actif, un lien pour choisir un nouveau mot de passe "
            + "vient d'être envoyé à l'adresse de son titulaire.";

    private final ForgottenPassword rule;
    private final JsonBodies bodies;
    private final Answers answers;

    ForgottenPasswordRoute(ForgottenPassword rule, JsonBodies bodies, Answers answers) {
        this.rule = rule;
        this.bodies = bodies;
        this.answers = answers;
    }

    public void request(Exchange exchange) {
        Body body = bodies.read(exchange, Body.class, "{\"login\":\"...\"}");
        rule.request(body.login(), GatewayRequest.of(exchange));
        answers.answer(exchange, 202, Map.of("message", SAID));
    }
}
