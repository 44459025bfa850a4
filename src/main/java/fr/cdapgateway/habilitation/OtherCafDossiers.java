package fr.cdapgateway.habilitation;

import org.springframework.stereotype.Component;

import fr.cdapgateway.alert.AlertRaiser;
import fr.cdapgateway.alert.AlertType;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;

/**
 * Dossiers held by another CAF than the convention's (SPEC §14.11), as the convention's {@code autresCaf} says:
 * {@code AUTORISER} serves them, {@code SIGNALER} serves them flagged in the trace (counted in the bilan) and raises a
 * {@code DOSSIER_AUTRE_CAF} alert, {@code REFUSER} answers 403 {@code dossier-other-caf}. The holding CAF comes from
 * the backend's answer (CdapBackend), whatever the caller's profile shows.
 */
@Component("otherCafDossiers")
public class OtherCafDossiers {

    /** The trace's flag of a served dossier of another CAF, counted by the usage statistics. */
    public static final String FLAG = "DOSSIER_AUTRE_CAF";

    private final HabilitationDirectory directory;
    private final AlertRaiser alerts;

    OtherCafDossiers(HabilitationDirectory directory, AlertRaiser alerts) {
        this.directory = directory;
        this.alerts = alerts;
    }

    /** After the backend's answer: the request carries the convention and the holding CAF. */
    public void check(GatewayRequest request) {
        directory.convention(request.convention()).ifPresent(convention -> apply(convention, request));
    }

    /** The rule, on typed inputs. */
    public void apply(Convention convention, GatewayRequest request) {
        String holder = request.dossierCaf();
        if (holder == null || holder.equals(convention.caf()) || convention.autresCaf() == Convention.OtherCaf.AUTORISER) {
            return;
        }
        if (convention.autresCaf() == Convention.OtherCaf.REFUSER) {
            throw new ProblemException(Problem.DOSSIER_OTHER_CAF, "Ce dossier relève d'une autre CAF ; la convention "
                    + convention.numero() + " n'en permet pas la consultation.");
        }
        request.flag(FLAG);
        alerts.raise(AlertType.DOSSIER_AUTRE_CAF, convention.caf(), convention.numero(), request.login());
    }
}
