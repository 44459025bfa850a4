package fr.cdapgateway.console;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.cdapgateway.admin.Caller;
import fr.cdapgateway.admin.HabilitationAdmin;
import fr.cdapgateway.admin.HabilitationView;
import fr.cdapgateway.admin.UserAdmin.CreateUser;
import fr.cdapgateway.admin.UserAdmin.PasswordReset;
import fr.cdapgateway.admin.UserAdmin;
import fr.cdapgateway.admin.UserView;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.auth.AccountsProperties;

/**
 * Accounts of a convention: the list with search and the filters of the dashboard, paged; creation, with each
 * refusal explained (generic mailbox, weak password and why, login taken); the detail with habilitations and
 * history; unlock, password reset, suspension and reinstatement, devalidation — each by the same service and
 * rules as the admin API, each traced.
 */
@Controller
class UserPages {

    private final ConsoleContext context;
    private final UserAdmin users;
    private final HabilitationAdmin habilitations;
    private final ConsoleProperties properties;
    private final java.time.Clock clock;

    private final AccountsProperties accounts;
    private final Labels labels;

    UserPages(ConsoleContext context, UserAdmin users, HabilitationAdmin habilitations, ConsoleProperties properties,
              java.time.Clock clock, AccountsProperties accounts, Labels labels) {
        this.accounts = accounts;
        this.labels = labels;
        this.context = context;
        this.users = users;
        this.habilitations = habilitations;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/conventions/{numero}/utilisateurs")
    String list(@PathVariable String numero, @RequestParam(name = "q", required = false) String q,
                @RequestParam(name = "filtre", required = false) String filtre,
                @RequestParam(name = "page", defaultValue = "1") int page, Model model) {
        List<UserView> all = context.read((caller, request) -> users.list(caller, numero, request));
        List<UserView> found = all.stream().filter(matching(q)).filter(state(filtre, clock.instant()))
                .toList();
        model.addAttribute("numero", numero);
        model.addAttribute("q", q);
        model.addAttribute("filtre", filtre);
        model.addAttribute("resultats", Paging.of(found, page, properties.pageSize()));
        return "utilisateurs";
    }

    @GetMapping("/conventions/{numero}/utilisateurs/nouveau")
    String form(@PathVariable String numero, Model model) {
        context.read((caller, request) -> users.list(caller, numero, request)); // 404 outside the caller's scope
        model.addAttribute("numero", numero);
        model.addAttribute("saisie", new CreateUser(null, null, null, null, null, "PERSONNE", "UTILISATEUR", null,
                null));
        model.addAttribute("motsDePasseGestionnaire", accounts.managerPasswords());
        return "utilisateur-nouveau";
    }

    @PostMapping("/conventions/{numero}/utilisateurs")
    String create(@PathVariable String numero, @RequestParam Map<String, String> form, Model model,
                  RedirectAttributes redirect) {
        CreateUser body = new CreateUser(blank(form.get("login")), blank(form.get("nom")), blank(form.get("prenom")),
                blank(form.get("email")), blank(form.get("fonction")), "PERSONNE",
                blank(form.getOrDefault("role", "UTILISATEUR")), blank(form.get("numeroInstructeur")),
                form.get("motDePasseInitial"));
        try {
            context.act("ADMIN_CREATION_UTILISATEUR", 201, (caller, request) -> users.create(caller, numero, body,
                    request));
        } catch (ProblemException refused) {
            if (refused.problem().status() == 404 || refused.problem().status() == 403
                    && !"forbidden".equals(refused.problem().code())) {
                throw refused;
            }
            model.addAttribute("numero", numero);
            model.addAttribute("motsDePasseGestionnaire", accounts.managerPasswords());
            FieldError error = FieldError.ofAccountForm(refused);
            model.addAttribute("erreur", error.message());
            model.addAttribute("champEnErreur", error.champ());
            // what was typed comes back, never the password
            model.addAttribute("saisie", new CreateUser(body.login(), body.nom(), body.prenom(), body.email(),
                    body.fonction(), body.type(), body.role(), body.numeroInstructeur(), null));
            return "utilisateur-nouveau";
        }
        redirect.addFlashAttribute("message", "Le compte " + body.login().trim().toLowerCase(Locale.ROOT)
                + " est créé. " + (body.motDePasseInitial() == null
                ? "Un lien d'activation est envoyé à " + body.email() + " : la personne y choisit son mot de passe."
                : "Transmettez-lui son mot de passe initial par un autre canal : il devra le changer à sa première "
                        + "connexion."));
        return "redirect:/utilisateurs/" + body.login().trim().toLowerCase(Locale.ROOT);
    }

    @GetMapping("/utilisateurs/{login}")
    String detail(@PathVariable String login, Model model) {
        UserView user = context.read((caller, request) -> users.read(caller, login, request));
        String convention = user.convention();
        model.addAttribute("utilisateur", user);
        model.addAttribute("motsDePasseGestionnaire", accounts.managerPasswords());
        List<HabilitationView> held = convention == null ? List.of() : context.read((caller, request) ->
                habilitations.list(caller, convention, request)).stream()
                .filter(h -> login.equals(h.utilisateur())).toList();
        Map<String, String> profiles = new java.util.HashMap<>();
        held.forEach(h -> profiles.put(String.valueOf(h.id()), h.profil()));
        model.addAttribute("historique", HistorySentences.of(context.read((caller, request) ->
                users.history(caller, login, request)), login, profiles));
        model.addAttribute("habilitations", held);
        return "utilisateur";
    }

    @PostMapping("/utilisateurs/{login}/deverrouillage")
    String unlock(@PathVariable String login, RedirectAttributes redirect) {
        return done(login, "ADMIN_DEVERROUILLAGE", "Le compte est déverrouillé.", redirect,
                (caller, request) -> users.unlock(caller, login, request));
    }

    /** A new activation link, the first one lost or run out; the earlier link dies. */
    @PostMapping("/utilisateurs/{login}/activation")
    String resendActivation(@PathVariable String login, RedirectAttributes redirect) {
        return done(login, "ENVOI_LIEN_ACTIVATION", "Un nouveau lien d'activation est envoyé au titulaire ; "
                + "le précédent ne fonctionne plus.", redirect,
                (caller, request) -> users.resendActivation(caller, login, request));
    }

    /** A reset: the password stops now, the holder gets a link (or, old way, a manager-chosen initial password). */
    @PostMapping("/utilisateurs/{login}/reinitialisation")
    String reset(@PathVariable String login,
                 @RequestParam(name = "motDePasseInitial", required = false) String initial,
                 RedirectAttributes redirect) {
        PasswordReset body = new PasswordReset(initial == null || initial.isEmpty() ? null : initial);
        return done(login, "ADMIN_REINITIALISATION_MOT_DE_PASSE", body.motDePasseInitial() == null
                        ? "Le mot de passe ne fonctionne plus ; un lien pour en choisir un nouveau est envoyé au "
                                + "titulaire."
                        : "Le mot de passe initial est enregistré ; il devra être changé à la première connexion.",
                redirect, (caller, request) -> users.resetPassword(caller, login, body, request));
    }

    @PostMapping("/utilisateurs/{login}/suspension")
    String suspend(@PathVariable String login, @RequestParam(name = "confirme", required = false) String confirme,
                   @RequestParam(name = "motif", required = false) String motif, Model model,
                   jakarta.servlet.http.HttpServletResponse response, RedirectAttributes redirect) {
        ConsolePrincipal person = context.person();
        Confirmation.require(person.cafAdmin() || person.conventionAdministrator(),
                "La suspension relève de la CAF et des administrateurs de la convention.");
        String ask = recap(login, "Suspendre le compte de ", "Dès maintenant, ce compte ne peut plus ni consulter ni "
                + "gérer quoi que ce soit, jusqu'à la levée de la suspension.", "/suspension", "Suspendre le compte")
                .askUnlessConfirmed(confirme, motif, model, response);
        if (ask != null) {
            return ask;
        }
        return done(login, "ADMIN_SUSPENSION_UTILISATEUR", "Le compte est suspendu, avec effet immédiat.", redirect,
                (caller, request) -> users.suspension(caller, login, true, motif, request));
    }

    @PostMapping("/utilisateurs/{login}/levee-suspension")
    String reinstate(@PathVariable String login, RedirectAttributes redirect) {
        return done(login, "ADMIN_LEVEE_SUSPENSION_UTILISATEUR", "La suspension est levée.", redirect,
                (caller, request) -> users.suspension(caller, login, false, request));
    }

    @PostMapping("/utilisateurs/{login}/devalidation")
    String devalidate(@PathVariable String login, @RequestParam(name = "confirme", required = false) String confirme,
                      @RequestParam(name = "motif", required = false) String motif, Model model,
                      jakarta.servlet.http.HttpServletResponse response, RedirectAttributes redirect) {
        String ask = recap(login, "Dévalider le compte de ", "Le compte est fermé pour de bon et chacune de ses "
                + "habilitations prend fin ; rien n'est effacé : son historique reste conservé six ans.",
                "/devalidation", "Dévalider le compte").askUnlessConfirmed(confirme, motif, model, response);
        if (ask != null) {
            return ask;
        }
        return done(login, "ADMIN_DEVALIDATION_UTILISATEUR", "Le compte est dévalidé et ses habilitations "
                + "terminées ; son historique est conservé.", redirect, (caller, request) -> {
                    users.devalidate(caller, login, motif, request);
                    return null;
                });
    }

    /** Who the act is about, as the recap names them; a reason is required for both acts that ask for one here. */
    private Confirmation recap(String login, String verb, String consequence, String path, String button) {
        UserView user = context.read((caller, request) -> users.read(caller, login, request));
        long open = user.convention() == null ? 0 : context.read((caller, request) ->
                habilitations.list(caller, user.convention(), request)).stream()
                .filter(h -> login.equals(h.utilisateur()) && h.open()).count();
        return new Confirmation(verb + user.prenom() + " " + user.nom(),
                List.of(Confirmation.ligne("Compte", login),
                        Confirmation.ligne("Personne", user.prenom() + " " + user.nom()),
                        Confirmation.ligne("Rôle", labels.of("role", user.role())),
                        Confirmation.ligne("Convention", user.convention()),
                        Confirmation.ligne("Habilitations en cours", open)),
                consequence, "/utilisateurs/" + login + path, Map.of(), true, button, "/utilisateurs/" + login);
    }

    /** An action on an account, told on the account's page: what happened, or why it was refused. */
    private String done(String login, String action, String message, RedirectAttributes redirect,
                        BiFunction<Caller, GatewayRequest, Object> work) {
        context.actAndTell(action, 200, redirect, result -> message, work);
        return "redirect:/utilisateurs/" + login;
    }

    private static Predicate<UserView> matching(String q) {
        if (q == null || q.isBlank()) {
            return u -> true;
        }
        String needle = q.trim().toLowerCase(Locale.ROOT);
        return u -> Stream.of(u.login(), u.nom(), u.prenom(), u.email())
                .map(v -> v == null ? "" : v.toLowerCase(Locale.ROOT))
                .anyMatch(v -> v.contains(needle));
    }

    private static Predicate<UserView> state(String filtre, Instant now) {
        return AccountFilter.of(filtre).<Predicate<UserView>>map(f -> u -> f.test(u, now))
                .orElse(u -> true);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
