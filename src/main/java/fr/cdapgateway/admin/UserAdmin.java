package fr.cdapgateway.admin;

import java.util.List;

import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.store.ConventionStore.ConventionRecord;
import fr.cdapgateway.admin.store.HabilitationStore;
import fr.cdapgateway.admin.store.UserStore.NewUser;
import fr.cdapgateway.admin.store.UserStore.UserRecord;
import fr.cdapgateway.admin.store.UserStore;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.auth.AccountsProperties;
import fr.cdapgateway.auth.CredentialDelivery;
import fr.cdapgateway.auth.PasswordHasher;
import fr.cdapgateway.auth.PasswordPolicy;

/**
 * Accounts of a convention, managed by its managers under CAF
 * supervision. A manager never creates an administrator nor raises anyone (itself included) to its own rank;
 * nothing is deleted: ending an account devalidates it and ends its habilitations.
 */
@Component
public class UserAdmin extends AdminResource {

    public record CreateUser(String login, String nom, String prenom, String email, String fonction, String type,
                      String role, String numeroInstructeur, String motDePasseInitial) {
    }

    public record UpdateUser(String nom, String prenom, String email, String fonction, String role,
                      String numeroInstructeur) {
    }

    public record PasswordReset(String motDePasseInitial) {
    }

    private final UserStore users;
    private final HabilitationStore habilitations;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final CredentialDelivery delivery;
    private final AccountsProperties accounts;

    UserAdmin(UserStore users, HabilitationStore habilitations, PasswordPolicy policy, PasswordHasher hasher,
              CredentialDelivery delivery, AccountsProperties accounts, AdminKit kit) {
        super(kit);
        this.users = users;
        this.habilitations = habilitations;
        this.policy = policy;
        this.hasher = hasher;
        this.delivery = delivery;
        this.accounts = accounts;
    }

    public List<UserView> list(Caller caller, String numero, GatewayRequest request) {
        ConventionRecord convention = scope.convention(caller, numero, request);
        return users.ofConvention(convention.numero()).stream().map(UserView::of).toList();
    }

    public UserView read(Caller caller, String login, GatewayRequest request) {
        return UserView.of(scope.user(caller, login, request));
    }

    public UserView create(Caller caller, String numero, CreateUser body, GatewayRequest request) {
        ConventionRecord convention = scope.convention(caller, numero, request);
        String role = AccountRules.grantableRole(caller, body.role() == null ? "UTILISATEUR" : body.role());
        String type = AccountRules.type(body.type(), role);
        AdministratorChange.requireSeat(users, convention.numero(), role, null);
        return insert(caller, body, convention.caf(), convention.numero(), type, role, request);
    }

    /** The CAF admins of the caller's own CAF. */
    public List<UserView> listCafAdministrators(Caller caller, String caf) {
        return users.cafAdministrators(ownCaf(caller, caf)).stream().map(UserView::of).toList();
    }

    /**
     * A CAF admin creates another CAF admin of its own CAF, so that a locked-out or departed administrator never
     * needs SQL. Its holder chooses a password through the link mailed to them.
     */
    public UserView createCafAdministrator(Caller caller, String caf, CreateUser body,
                                                      GatewayRequest request) {
        String own = ownCaf(caller, caf);
        if (body.role() != null && !Role.CAF_ADMIN.name().equals(body.role())) {
            throw IdentityRules.invalid("role : CAF_ADMIN (ou absent) pour un administrateur CAF.");
        }
        if (body.type() != null && !"PERSONNE".equals(body.type())) {
            throw IdentityRules.invalid("Un administrateur CAF est une personne nommée (type PERSONNE).");
        }
        return insert(caller, body, own, null, "PERSONNE", Role.CAF_ADMIN.name(), request);
    }

    private static String ownCaf(Caller caller, String caf) {
        caller.require(caller.cafAdmin(), "Les administrateurs CAF sont gérés par un administrateur de la même CAF.");
        if (caf == null || !caf.equals(caller.account().caf())) {
            throw AdminScope.notFound("CAF inconnue.");
        }
        return caf;
    }

    private UserView insert(Caller caller, CreateUser body, String caf, String convention, String type,
                                       String role, GatewayRequest request) {
        String login = IdentityRules.login(body.login());
        request.objet("utilisateur:" + login);
        NewUser user = new NewUser(login, caf, convention, IdentityRules.name(body.nom(), "nom"),
                IdentityRules.name(body.prenom(), "prenom"), IdentityRules.email(body.email()),
                IdentityRules.optional(body.fonction(), 200, "fonction"), type, role,
                IdentityRules.optional(body.numeroInstructeur(), 40, "numeroInstructeur"),
                managerChosen(login, body.motDePasseInitial()));
        if (users.loginTaken(login)) {
            throw new ProblemException(Problem.CONFLICT, "Cet identifiant est déjà pris.");
        }
        changes.apply(() -> {
            long id = users.insert(user, caller.login(), clock.instant());
            history.record(caller.login(), convention, HistoryLog.Kind.UTILISATEUR, login, "CREATION",
                    "role " + role + ", type " + type + ", id " + id);
            if (user.hash() == null) {
                delivery.activation(login);
                history.record(caller.login(), convention, HistoryLog.Kind.UTILISATEUR, login, "ENVOI_LIEN_ACTIVATION",
                        null);
            }
            return id;
        });
        return UserView.of(users.find(login).orElseThrow());
    }

    public UserView update(Caller caller, String login, UpdateUser patch, GatewayRequest request) {
        UserRecord user = scope.user(caller, login, request);
        scope.requireManageable(caller, user);
        String role = patch.role() == null ? user.role() : AccountRules.grantableRole(caller, patch.role());
        if (!role.equals(user.role())) {
            AdministratorChange.requireSeat(users, user.convention(), role, user.login());
        }
        String nom = patch.nom() == null ? user.nom() : IdentityRules.name(patch.nom(), "nom");
        String prenom = patch.prenom() == null ? user.prenom() : IdentityRules.name(patch.prenom(), "prenom");
        String email = patch.email() == null ? user.email() : IdentityRules.email(patch.email());
        String fonction = patch.fonction() == null ? user.fonction()
                : IdentityRules.optional(patch.fonction(), 200, "fonction");
        String instructeur = patch.numeroInstructeur() == null ? user.numeroInstructeur()
                : IdentityRules.optional(patch.numeroInstructeur(), 40, "numeroInstructeur");
        changes.apply(() -> {
            users.updateIdentity(user.id(), nom, prenom, email, fonction, role, instructeur);
            history.record(caller.login(), user.convention(), HistoryLog.Kind.UTILISATEUR, user.login(),
                    "MODIFICATION", role.equals(user.role()) ? "identité" : "role " + user.role() + " -> " + role);
            return null;
        });
        return UserView.of(users.find(user.login()).orElseThrow());
    }

    /** Devalidation. The account and its history stay; its habilitations end now. */
    public void devalidate(Caller caller, String login, GatewayRequest request) {
        devalidate(caller, login, null, request);
    }

    public void devalidate(Caller caller, String login, String motif, GatewayRequest request) {
        UserRecord user = scope.user(caller, login, request);
        scope.requireManageable(caller, user);
        String reason = Reasons.of(motif);
        Reasons.trace(request, reason);
        changes.apply(() -> {
            users.devalidate(user.id(), clock.instant(), caller.login());
            List<Long> ended = habilitations.endAllOf(user.id(), caller.login(), clock.instant());
            history.record(caller.login(), user.convention(), HistoryLog.Kind.UTILISATEUR, user.login(),
                    "DEVALIDATION", Reasons.detail("habilitations terminées : " + ended, reason));
            ended.forEach(id -> history.record(caller.login(), user.convention(), HistoryLog.Kind.HABILITATION, id,
                    "FIN", "dévalidation du compte " + user.login()));
            return null;
        });
    }

    /** Suspends the account at once ({@code suspend}), or lifts its suspension. */
    public UserView suspension(Caller caller, String login, boolean suspend, GatewayRequest request) {
        return suspension(caller, login, suspend, null, request);
    }

    public UserView suspension(Caller caller, String login, boolean suspend, String motif,
                                          GatewayRequest request) {
        UserRecord user = scope.user(caller, login, request);
        caller.require(caller.cafAdmin() || caller.conventionAdministrator(),
                "La suspension relève de la CAF et des administrateurs de la convention.");
        scope.requireManageable(caller, user);
        String reason = Reasons.of(motif);
        Reasons.trace(request, reason);
        changes.apply(() -> {
            users.suspend(user.id(), suspend ? clock.instant() : null);
            history.record(caller.login(), user.convention(), HistoryLog.Kind.UTILISATEUR, user.login(),
                    suspend ? "SUSPENSION" : "LEVEE_SUSPENSION", Reasons.detail(null, reason));
            return null;
        });
        return UserView.of(users.find(user.login()).orElseThrow());
    }

    public UserView unlock(Caller caller, String login, GatewayRequest request) {
        UserRecord user = scope.user(caller, login, request);
        scope.requireManageable(caller, user);
        changes.apply(() -> {
            users.unlock(user.id());
            history.record(caller.login(), user.convention(), HistoryLog.Kind.UTILISATEUR, user.login(),
                    "DEVERROUILLAGE", null);
            return null;
        });
        return UserView.of(users.find(user.login()).orElseThrow());
    }

    /**
     * A reset (SPEC §14.3): the password stops at once and the holder is mailed a link to choose a new one. With
     * {@code gateway.accounts.manager-passwords}, a {@code motDePasseInitial} instead sets one to change at next use.
     */
    public UserView resetPassword(Caller caller, String login, PasswordReset body, GatewayRequest request) {
        UserRecord user = scope.user(caller, login, request);
        scope.requireManageable(caller, user);
        String hash = managerChosen(user.login(), body == null ? null : body.motDePasseInitial());
        changes.apply(() -> {
            if (hash == null) {
                users.clearPassword(user.id());
                delivery.reset(user.login());
            } else {
                users.forcePasswordChange(user.id(), hash);
            }
            history.record(caller.login(), user.convention(), HistoryLog.Kind.UTILISATEUR, user.login(),
                    "REINITIALISATION_MOT_DE_PASSE", hash == null ? "lien envoyé au titulaire" : "mot de passe initial");
            return null;
        });
        return UserView.of(users.find(user.login()).orElseThrow());
    }

    /**
     * A new activation link for an account still waiting for its holder (the first was lost or ran out); the
     * earlier link dies. An active account gets a reset instead.
     */
    public UserView resendActivation(Caller caller, String login, GatewayRequest request) {
        UserRecord user = scope.user(caller, login, request);
        scope.requireManageable(caller, user);
        if (user.activatedAt() != null || user.devalidatedAt() != null) {
            throw new ProblemException(Problem.CONFLICT, "Ce compte n'attend pas d'activation : pour un compte actif, "
                    + "utilisez la réinitialisation du mot de passe.");
        }
        changes.apply(() -> {
            delivery.activation(user.login());
            history.record(caller.login(), user.convention(), HistoryLog.Kind.UTILISATEUR, user.login(),
                    "ENVOI_LIEN_ACTIVATION", "nouveau lien");
            return null;
        });
        return UserView.of(users.find(user.login()).orElseThrow());
    }

    public List<HistoryEntry> history(Caller caller, String login, GatewayRequest request) {
        UserRecord user = scope.user(caller, login, request);
        return history.ofAccount(user.login(), habilitations.idsOf(user.id()));
    }

    /**
     * The hash of a manager-chosen password, or null when none is given (the holder chooses theirs through a link).
     * A manager never chooses a password unless the site asked for the old way (gateway.accounts.manager-passwords).
     */
    private String managerChosen(String login, String password) {
        if (password == null) {
            return null;
        }
        if (!accounts.managerPasswords()) {
            throw IdentityRules.invalid("motDePasseInitial n'est pas accepté : le titulaire choisit lui-même son mot "
                    + "de passe par le lien qui lui est envoyé par courriel (convention, art. 9.1).");
        }
        policy.refusal(login, password).ifPresent(reason -> {
            throw new ProblemException(Problem.WEAK_PASSWORD, reason);
        });
        return hasher.hash(password);
    }
}
