package fr.cdapgateway.backend;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

import fr.cdapgateway.api.Account;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Grant;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.consultation.AllowLists;
import fr.cdapgateway.consultation.FieldFilter;

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

    /**
     * The backend call: {@code GET .../dossiers/{path}} with these headers and no other — nothing the client sent
     * reaches the backend unchecked. Starts the call's one deadline.
     */
    public record Call(String path, Map<String, String> headers) {
    }

    /** The call for the request's dossier, under the caller's identity and granted profile. */
    public Call prepare(GatewayRequest request) {
        Account account = request.account();
        // validated: exactly 7 digits, so it cannot change the path or add a query
        Call call = new Call(request.numero().value(), Map.of(
                "Accept", "application/json",
                "Authorization", serviceAuthorization,
                "X-Utilisateur", account.login(),
                "X-Convention", account.convention(),
                "X-Profil", request.grant().profile().code(),
                "X-Request-ID", request.requestId()));
        long deadline = System.nanoTime() + answerDeadlineNanos;
        request.backendDeadline(deadline);
        // the status line and headers too: every read of this call ends at the deadline (BackendConnections)
        BackendConnections.deadline(deadline);
        return call;
    }

    /**
     * Reads the backend's answer (its status, Content-Type and raw body stream): 200 with a JSON object — the
     * dossier asked for, reduced as it arrives to the profile's allow-listed leaves — or the problem that says
     * what went wrong. The body is bounded in size and by the call's deadline.
     */
    public ObjectNode read(GatewayRequest request, int status, String contentType, InputStream body) {
        if (status != 200) {
            // a 4xx/5xx body is never passed through; reading it to the end gives the connection back to the pool
            discard(body);
        }
        if (status == 404) {
            throw new ProblemException(Problem.DOSSIER_NOT_FOUND, "Aucun dossier allocataire ne porte ce numéro.");
        }
        if (status != 200) {
            throw new ProblemException(Problem.BACKEND_ERROR,
                    "Le service CDAP a répondu par une erreur (" + status + "). Réessayez plus tard.");
        }
        if (!isJson(contentType)) {
            discard(body);
            throw malformed();
        }
        // read once, as it arrives: only the profile's allow-listed fields are ever built (SPEC §6)
        Grant grant = request.grant();
        ObjectNode dossier = parse(bounded(request, body), allowLists.readOf(grant.profile()));
        // the holding CAF is learnt for the convention's autresCaf rule (SPEC §14.11), shown only if the profile may
        JsonNode holder = dossier.get(AllowLists.HOLDER);
        request.dossierCaf(holder != null && holder.isTextual() ? holder.asText() : null);
        if (!AllowLists.shows(grant.profile(), AllowLists.HOLDER)) {
            dossier.remove(AllowLists.HOLDER);
        }
        if (!request.numero().value().equals(dossier.path("numeroAllocataire").asText())) {
            // never show a family other than the one asked for, whatever the backend did
            throw malformed();
        }
        return dossier;
    }

    private InputStream bounded(GatewayRequest request, InputStream body) {
        return body == null ? null : new BoundedAnswer(body, maxAnswerBytes, request.backendDeadline());
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
