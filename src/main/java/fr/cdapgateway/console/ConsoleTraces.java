package fr.cdapgateway.console;

import java.util.UUID;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.api.Sanitizer;
import fr.cdapgateway.config.GatewayProperties;
import fr.cdapgateway.edge.ClientAddresses;
import fr.cdapgateway.trace.TraceRecorder;
import fr.cdapgateway.trace.TraceUnavailableException;

/**
 * Every console action, and every page that shows traces, is traced like an API call (SPEC §9): action, login,
 * convention, object, outcome, client address, with the flag {@code console}. The trace is committed before the
 * page answers; if it cannot be, the page says the service is unavailable.
 */
@Component
public class ConsoleTraces {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleTraces.class);

    /** The request attribute holding the request id shown to the agent for support. */
    public static final String REQUEST_ID = "consoleRequestId";
    /** Set once the HTTP request has its trace, so that a page is traced once, whatever it did. */
    static final String TRACED = "consoleTraced";
    /** The action of a page that only shows something (the API traces its reads too). */
    static final String PAGE = "CONSOLE_CONSULTATION_PAGE";
    static final String FLAG = "console";

    private final TraceRecorder recorder;
    private final ClientAddresses addresses;

    ConsoleTraces(TraceRecorder recorder, GatewayProperties properties) {
        this.recorder = recorder;
        this.addresses = new ClientAddresses(properties);
    }

    /** The trace context of the current HTTP request, for this action and this person. */
    public GatewayRequest open(String action, String login) {
        HttpServletRequest http = current();
        GatewayRequest request = new GatewayRequest(requestId(http), action, System.nanoTime(),
                addresses.of(http.getRemoteAddr(), http.getHeader("X-Forwarded-For")),
                Sanitizer.clean(http.getHeader("User-Agent"), 256), Sanitizer.clean(http.getRequestURI(), 200));
        request.login(login == null ? null : Sanitizer.clean(login, 100));
        request.flag(FLAG);
        return request;
    }

    /**
     * Runs an action of {@code person} and traces it with its outcome: 200 (or {@code status}), or the refusal's
     * status and code. A refusal is rethrown for the page to explain it.
     */
    public <T> T run(ConsolePrincipal person, String action, int status, Function<GatewayRequest, T> work) {
        current().setAttribute(TRACED, Boolean.TRUE);
        GatewayRequest request = open(action, person.login());
        request.convention(person.convention());
        request.identified();
        T result;
        try {
            result = work.apply(request);
        } catch (ProblemException refused) {
            request.outcome(refused.problem().status(), refused.tracedCode());
            recorder.write(request);
            throw refused;
        }
        request.outcome(status, null);
        recorder.write(request);
        return result;
    }

    /**
     * The trace of a page this person opened that did no traced action (a list, an account's page...), or the
     * refusal of one (another convention's object, a role's page): written before the page leaves.
     */
    void page(ConsolePrincipal person, int status, String code) {
        once(person, PAGE, status, code);
    }

    /**
     * The trace of a refusal decided before or instead of a page (a role's URL, a form without its CSRF token,
     * another convention's object), by a signed-in person or not. A trace store that is down must not hide the
     * refusal's page: it is logged instead.
     */
    void refusal(ConsolePrincipal person, String action, int status, String code) {
        try {
            once(person, action, status, code);
        } catch (TraceUnavailableException | DataAccessException e) {
            LOG.error("console: the refusal of a page could not be traced ({})", e.getClass().getSimpleName());
        }
    }

    /** Traces this HTTP request once, with its path as the object, whatever else traced or refused it. */
    private void once(ConsolePrincipal person, String action, int status, String code) {
        HttpServletRequest http = current();
        if (http.getAttribute(TRACED) != null) {
            return;
        }
        http.setAttribute(TRACED, Boolean.TRUE);
        GatewayRequest request = open(action, person == null ? null : person.login());
        if (person != null) {
            request.convention(person.convention());
            request.identified();
        }
        request.objet(Sanitizer.clean(http.getRequestURI(), 200));
        request.outcome(status, code);
        recorder.write(request);
    }

    /** Writes the trace of a request whose outcome is already set (sign-in attempts, sign-out). */
    public void write(GatewayRequest request) {
        recorder.write(request);
    }

    /** One request id per HTTP request, kept as a request attribute so that an error page can show it. */
    static String requestId(HttpServletRequest http) {
        Object id = http.getAttribute(REQUEST_ID);
        if (id == null) {
            id = UUID.randomUUID().toString();
            http.setAttribute(REQUEST_ID, id);
        }
        return id.toString();
    }

    private static HttpServletRequest current() {
        return ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
    }
}
