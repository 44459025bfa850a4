package fr.cdapgateway.console;

import java.util.Optional;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.trace.TraceUnavailableException;

/**
 * Every refusal and every fault of the console ends on a page in plain French with the request id for support:
 * never a stack trace, never an HTTP code or header name in the agent's face. Another convention's object is
 * "introuvable" (404), exactly as in the API.
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Controller
class ConsoleErrors implements ErrorController {

    static final String REASON = "consoleErrorReason";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleErrors.class);

    /** What went wrong, as the page explains it. */
    enum Reason {
        NOT_FOUND(404, "not-found", "Page introuvable",
                "Cette page n'existe pas, ou elle concerne une convention qui n'est pas la vôtre."),
        FORBIDDEN(403, "forbidden", "Accès refusé", "Votre rôle ne permet pas d'ouvrir cette page ou de faire cette action."),
        CSRF(403, "csrf-token-invalid", "Formulaire refusé", "Ce formulaire a expiré ou n'a pas été envoyé depuis la console. "
                + "Rechargez la page et recommencez."),
        INVALID(400, "invalid-request", "Demande incorrecte", "Cette demande est incomplète ou mal formée."),
        METHOD(405, "method-not-allowed", "Action impossible", "Cette adresse ne permet pas cette action."),
        BUSY(429, "rate-limited", "Trop de demandes", "Trop de demandes en peu de temps : patientez un instant et recommencez."),
        UNAVAILABLE(503, "gateway-unavailable", "Service momentanément indisponible", "Le service ne peut pas enregistrer la trace de "
                + "cette action ou joindre sa base de données : rien n'a été fait. Réessayez dans quelques instants."),
        UNEXPECTED(500, "internal-error", "Erreur inattendue", "Une erreur inattendue s'est produite. Si elle se répète, "
                + "communiquez l'identifiant ci-dessous à votre support.");

        final int status;
        final String code;
        final String title;
        final String text;

        Reason(int status, String code, String title, String text) {
            this.status = status;
            this.code = code;
            this.title = title;
            this.text = text;
        }
    }

    private final ConsoleTraces traces;

    ConsoleErrors(ConsoleTraces traces) {
        this.traces = traces;
    }

    /**
     * A page refused to a signed-in person (another convention's object, a role's page) is traced like the API's
     * refusals, unless the action that was refused already was. A trace store that is down must not hide the page.
     */
    private void traceRefusal(Reason reason) {
        Optional<ConsolePrincipal> person = ConsolePrincipal.current();
        if (person.isPresent() && reason != Reason.UNAVAILABLE) {
            traces.refusal(person.get(), ConsoleTraces.PAGE, reason.status, reason.code);
        }
    }

    @ExceptionHandler(ProblemException.class)
    String problem(ProblemException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        Problem problem = e.problem();
        Reason reason = switch (problem.status()) {
            case 404 -> Reason.NOT_FOUND;
            case 403 -> Reason.FORBIDDEN;
            case 429 -> Reason.BUSY;
            case 503 -> Reason.UNAVAILABLE;
            default -> Reason.INVALID;
        };
        // a 404 says nothing more than "introuvable"; other refusals explain themselves in French
        return page(reason, reason == Reason.NOT_FOUND ? null : e.getMessage(), request, response, model);
    }

    @ExceptionHandler({NoResourceFoundException.class, MethodArgumentTypeMismatchException.class})
    String notFound(HttpServletRequest request, HttpServletResponse response, Model model) {
        return page(Reason.NOT_FOUND, null, request, response, model);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    String method(HttpServletRequest request, HttpServletResponse response, Model model) {
        return page(Reason.METHOD, null, request, response, model);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    String invalid(HttpServletRequest request, HttpServletResponse response, Model model) {
        return page(Reason.INVALID, null, request, response, model);
    }

    @ExceptionHandler({TraceUnavailableException.class, DataAccessException.class})
    String unavailable(RuntimeException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        // the path may name a person (/utilisateurs/{login}): the request id leads to it through the trace
        LOG.error("console: {} (request {})", e.getClass().getSimpleName(), ConsoleTraces.requestId(request));
        return page(Reason.UNAVAILABLE, null, request, response, model);
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Exception e, HttpServletRequest request, HttpServletResponse response, Model model) {
        LOG.error("console: unexpected {} (request {})", e.getClass().getName(), ConsoleTraces.requestId(request));
        return page(Reason.UNEXPECTED, null, request, response, model);
    }

    /** The forward target of refusals decided before any controller (access denied, CSRF). */
    @RequestMapping("/erreur")
    String forwarded(HttpServletRequest request, HttpServletResponse response, Model model) {
        Object reason = request.getAttribute(REASON);
        return page(reason instanceof Reason r ? r : Reason.FORBIDDEN, null, request, response, model);
    }

    /** What the servlet container itself refuses (unknown path, malformed request): the same kind of page. */
    @RequestMapping("/error")
    String container(HttpServletRequest request, HttpServletResponse response, Model model) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = status instanceof Integer i ? i : 500;
        Reason reason = switch (code) {
            case 404 -> Reason.NOT_FOUND;
            case 403 -> Reason.FORBIDDEN;
            case 405 -> Reason.METHOD;
            case 400, 413, 414, 431 -> Reason.INVALID;
            default -> Reason.UNEXPECTED;
        };
        return page(reason, null, request, response, model);
    }

    private String page(Reason reason, String detail, HttpServletRequest request, HttpServletResponse response,
                        Model model) {
        response.setStatus(reason.status);
        traceRefusal(reason);
        model.addAttribute("titre", reason.title);
        model.addAttribute("texte", reason.text);
        model.addAttribute("detail", detail);
        model.addAttribute("requestId", ConsoleTraces.requestId(request));
        return "erreur";
    }
}
