package fr.cdapgateway.admin;

import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import fr.cdapgateway.alert.Alerts;
import fr.cdapgateway.alert.Alerts.AlertView;
import fr.cdapgateway.alert.Alerts.Scoped;
import fr.cdapgateway.alert.AlertType;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;

/**
 * Security alerts as people handle them (SPEC §14.5): the CAF admin reads its CAF's, a convention's administrators
 * theirs; each concludes an open alert, and the conclusion applies the action it names — a suspension, or a
 * password change imposed by mailing the holder a link — in the same transaction. Another scope's alert is a 404.
 */
@Component
public class AlertAdmin {

    public enum Conclusion { FAUX_POSITIF, COMPTE_SUSPENDU, CHANGEMENT_MOT_DE_PASSE_FORCE, AUTRE }

    public record Body(String conclusion, String commentaire) {
    }

    static final Set<String> STATUSES = Set.of("OUVERTE", "CLOSE");

    private final Alerts alerts;
    private final UserAdmin users;
    private final AccessChanges changes;
    private final HistoryLog history;

    AlertAdmin(Alerts alerts, UserAdmin users, AdminKit kit) {
        this.alerts = alerts;
        this.users = users;
        this.changes = kit.changes();
        this.history = kit.history();
    }

    public List<AlertView> list(Caller caller, String type, String statut) {
        caller.require(caller.readsTraces(), "Les alertes sont lues par la CAF et les administrateurs de la convention.");
        if (type != null && !isType(type)) {
            throw IdentityRules.invalid("type : " + String.join(", ", List.of(typeNames())) + ".");
        }
        if (statut != null && !STATUSES.contains(statut)) {
            throw IdentityRules.invalid("statut : OUVERTE ou CLOSE.");
        }
        return caller.cafAdmin() ? alerts.list(caller.account().caf(), null, type, statut, 500)
                : alerts.list(null, caller.account().convention(), type, statut, 500);
    }

    public AlertView conclude(Caller caller, long id, Body body, GatewayRequest request) {
        caller.require(caller.readsTraces(), "Les alertes sont conclues par la CAF et les administrateurs de la convention.");
        request.objet("alerte:" + id);
        Scoped alert = alerts.find(id).filter(a -> visible(caller, a))
                .orElseThrow(() -> AdminScope.notFound("Aucune alerte de votre périmètre ne porte ce numéro."));
        Conclusion conclusion = conclusion(body);
        String commentaire = IdentityRules.optional(body.commentaire(), 1000, "commentaire");
        if (!alert.open()) {
            throw new ProblemException(Problem.CONFLICT, "Cette alerte est déjà close.");
        }
        boolean onAccount = conclusion == Conclusion.COMPTE_SUSPENDU
                || conclusion == Conclusion.CHANGEMENT_MOT_DE_PASSE_FORCE;
        if (onAccount && alert.utilisateur() == null) {
            throw IdentityRules.invalid("Cette alerte ne porte pas sur un compte : concluez-la FAUX_POSITIF ou AUTRE.");
        }
        changes.apply(() -> {
            if (!alerts.close(id, conclusion.name(), commentaire, caller.login())) {
                throw new ProblemException(Problem.CONFLICT, "Cette alerte est déjà close.");
            }
            if (conclusion == Conclusion.COMPTE_SUSPENDU) {
                users.suspension(caller, alert.utilisateur(), true, request);
            } else if (conclusion == Conclusion.CHANGEMENT_MOT_DE_PASSE_FORCE) {
                users.resetPassword(caller, alert.utilisateur(), null, request);
            }
            history.record(caller.login(), alert.convention(), HistoryLog.Kind.CONVENTION, "alerte:" + id,
                    "CONCLUSION_ALERTE", conclusion.name());
            return null;
        });
        return alerts.view(id).orElseThrow();
    }

    private static boolean visible(Caller caller, Scoped alert) {
        return caller.cafAdmin() ? caller.account().caf().equals(alert.caf())
                : alert.convention() != null && alert.convention().equals(caller.account().convention());
    }

    private static Conclusion conclusion(Body body) {
        try {
            return Conclusion.valueOf(body == null || body.conclusion() == null ? "" : body.conclusion());
        } catch (IllegalArgumentException e) {
            throw IdentityRules.invalid("conclusion : FAUX_POSITIF, COMPTE_SUSPENDU, CHANGEMENT_MOT_DE_PASSE_FORCE ou "
                    + "AUTRE.");
        }
    }

    private static boolean isType(String type) {
        return List.of(typeNames()).contains(type);
    }

    private static String[] typeNames() {
        return java.util.Arrays.stream(AlertType.values()).map(Enum::name).toArray(String[]::new);
    }
}
