package fr.cdapgateway.backend;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.auth.Account;
import fr.cdapgateway.auth.Authenticator;
import fr.cdapgateway.consultation.AllowLists;
import fr.cdapgateway.consultation.ConsultationInput;
import fr.cdapgateway.consultation.FieldFilter;
import fr.cdapgateway.consultation.NumeroAllocataire;
import fr.cdapgateway.habilitation.AccessPolicy;
import fr.cdapgateway.habilitation.HabilitationCheck;

/**
 * Both ends of the call to CDAP (SPEC §5): the request carries only what the backend must know (user,
 * convention, profile, request id, the gateway's service credential), and the answer is accepted only as a
 * well-formed JSON dossier — anything else becomes a problem, never passed through — read once, keeping only the
 * profile's allow-listed fields.
 */
@Component("cdapBackend")
public class CdapBackend {

    private final ObjectReader strict;
    private final AllowLists allowLists;
    private final String serviceAuthorization;
    private final long maxAnswerBytes;
    private final long answerDeadlineNanos;

    CdapBackend(JsonMapper gatewayJsonMapper, AllowLists allowLists, CdapProperties properties) {
        // a key given twice is an answer we cannot trust ("last key wins" would hide what the backend meant)
        // (trailing tokens are refused by parse)
        this.strict = gatewayJsonMapper.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.allowLists = allowLists;
        this.maxAnswerBytes = properties.maxAnswerBytes();
        this.answerDeadlineNanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(properties.responseTimeoutMs());
        this.serviceAuthorization = "Basic " + Base64.getEncoder().encodeToString(
                (properties.serviceLogin() + ":" + properties.servicePassword()).getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces every incoming header: nothing the client sent reaches the backend unchecked. */
    public void prepare(Exchange exchange) {
        GatewayRequest request = GatewayRequest.of(exchange);
        Account account = exchange.getProperty(Authenticator.ACCOUNT, Account.class);
        AccessPolicy.Grant grant = exchange.getProperty(HabilitationCheck.GRANT, AccessPolicy.Grant.class);
        NumeroAllocataire numero = exchange.getProperty(ConsultationInput.NUMERO, NumeroAllocataire.class);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setBody(null);
        // no CamelHttpMethod header: without a body camel-http sends a GET, and a String method would cost a
        // type-converter lookup (String to HttpMethods) on every call
        // validated: exactly 7 digits, so it cannot change the path or add a query
        message.setHeader(Exchange.HTTP_PATH, numero.value());
        message.setHeader("Accept", "application/json");
        message.setHeader("Authorization", serviceAuthorization);
        message.setHeader("X-Utilisateur", account.login());
        message.setHeader("X-Convention", account.convention());
        message.setHeader("X-Profil", grant.profile().code());
        message.setHeader("X-Request-ID", request.requestId());
        // the raw stream, not a gunzipped one: what is read from the backend is bounded as it arrives
        exchange.setProperty(Exchange.SKIP_GZIP_ENCODING, Boolean.TRUE);
        long deadline = System.nanoTime() + answerDeadlineNanos;
        request.backendDeadline(deadline);
        // the status line and headers too: every read of this call ends at the deadline (BackendConnections)
        BackendConnections.deadline(deadline);
    }

    /** Maps the backend's answer: 200 with a JSON object, 404, or a problem. */
    public void read(Exchange exchange) {
        Message message = exchange.getMessage();
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status != 200) {
            // a 4xx/5xx body is never passed through; reading it to the end gives the connection back to the pool
            discard(message.getBody(InputStream.class));
        }
        if (status == 404) {
            throw new ProblemException(Problem.DOSSIER_NOT_FOUND, "Aucun dossier allocataire ne porte ce numéro.");
        }
        if (status != 200) {
            throw new ProblemException(Problem.BACKEND_ERROR,
                    "Le service CDAP a répondu par une erreur (" + status + "). Réessayez plus tard.");
        }
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (!isJson(contentType)) {
            discard(message.getBody(InputStream.class));
            throw malformed();
        }
        // read once, as it arrives: only the profile's allow-listed fields are ever built (SPEC §6)
        AccessPolicy.Grant grant = exchange.getProperty(HabilitationCheck.GRANT, AccessPolicy.Grant.class);
        ObjectNode dossier = parse(bounded(exchange, message.getBody(InputStream.class)),
                allowLists.readOf(grant.profile()));
        // the holding CAF is learnt for the convention's autresCaf rule (SPEC §14.11), shown only if the profile may
        JsonNode holder = dossier.get(AllowLists.HOLDER);
        GatewayRequest.of(exchange).dossierCaf(holder != null && holder.isTextual() ? holder.asText() : null);
        if (!AllowLists.shows(grant.profile(), AllowLists.HOLDER)) {
            dossier.remove(AllowLists.HOLDER);
        }
        NumeroAllocataire asked = exchange.getProperty(ConsultationInput.NUMERO, NumeroAllocataire.class);
        if (!asked.value().equals(dossier.path("numeroAllocataire").asText())) {
            // never show a family other than the one asked for, whatever the backend did
            throw malformed();
        }
        message.removeHeaders("*");
        message.setBody(dossier);
    }

    private InputStream bounded(Exchange exchange, InputStream body) {
        return body == null ? null
                : new BoundedAnswer(body, maxAnswerBytes, GatewayRequest.of(exchange).backendDeadline());
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    private ObjectNode parse(InputStream body, FieldFilter allowed) {
        if (body == null) {
            throw malformed();
        }
        try (InputStream in = body; JsonParser parser = strict.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed();
            }
            ObjectNode dossier = allowed.read(parser);
            // every profile lists numeroAllocataire (Profile): the dossier must say whose it is
            if (parser.nextToken() != null || !dossier.path("numeroAllocataire").isTextual()) {
                throw malformed();
            }
            return dossier;
        } catch (java.net.SocketTimeoutException e) {
            throw new ProblemException(Problem.BACKEND_TIMEOUT,
                    "Le service CDAP n'a pas transmis sa réponse dans le délai imparti.");
        } catch (IOException e) {
            throw malformed();
        }
    }

    private static void discard(InputStream body) {
        if (body == null) {
            return;
        }
        try (InputStream in = new BoundedAnswer(body, 64 * 1024, System.nanoTime() + 1_000_000_000L)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the connection is broken anyway; the problem answered does not depend on this body
        }
    }

    private static ProblemException malformed() {
        return new ProblemException(Problem.BACKEND_ERROR,
                "Le service CDAP a renvoyé une réponse illisible. Réessayez plus tard.");
    }
}
