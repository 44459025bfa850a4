package fr.cdapgateway.auth.routes;

import java.util.Map;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.auth.ForgottenPassword;
import fr.cdapgateway.auth.PasswordChange;
import fr.cdapgateway.edge.Answers;
import fr.cdapgateway.edge.GatewayRequests;
import fr.cdapgateway.edge.JsonBodies;

/**
 * The user's own account on the API (routes/account.camel.yaml, routes/public.camel.yaml): the body read, the
 * rule called ({@link PasswordChange}, {@link ForgottenPassword}), the answer written.
 */
@Component("accountSteps")
public class AccountSteps {

    record ForgottenBody(String login) {
    }

    /** The same answer whatever the login: nobody learns from it whether an account exists. */
    static final String SAID = "Si cet identifiant désigne un compte actif, un lien pour choisir un nouveau mot de passe "
            + "vient d'être envoyé à l'adresse de son titulaire.";

    private final PasswordChange passwords;
    private final ForgottenPassword forgotten;
    private final JsonBodies bodies;
    private final Answers answers;

    AccountSteps(PasswordChange passwords, ForgottenPassword forgotten, JsonBodies bodies, Answers answers) {
        this.passwords = passwords;
        this.forgotten = forgotten;
        this.bodies = bodies;
        this.answers = answers;
    }

    /** {@code PUT /api/v1/moi/mot-de-passe}: the old password must be the one the call was authenticated with. */
    public void changePassword(Exchange exchange) {
        PasswordChange.PasswordChoice body = bodies.read(exchange, PasswordChange.PasswordChoice.class,
                "{\"ancienMotDePasse\":\"...\",\"nouveauMotDePasse\":\"...\"}");
        passwords.change(GatewayRequests.of(exchange).account(),
                exchange.getMessage().getHeader("Authorization", String.class), body);
        answers.answer(exchange, 204, null);
    }

    /** {@code POST /api/v1/mot-de-passe-oublie}. */
    public void forgottenPassword(Exchange exchange) {
        ForgottenBody body = bodies.read(exchange, ForgottenBody.class, "{\"login\":\"...\"}");
        GatewayRequest request = GatewayRequests.of(exchange);
        forgotten.request(body.login(), request);
        answers.answer(exchange, 202, Map.of("message", SAID));
    }
}
