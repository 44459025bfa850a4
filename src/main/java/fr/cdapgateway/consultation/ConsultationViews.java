package fr.cdapgateway.consultation;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Grant;
import fr.cdapgateway.api.Period;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.api.Profile;
import fr.cdapgateway.config.CafCalendar;

/**
 * Builds the answers of a consultation from the backend's dossier — already reduced to the profile's allow-list as
 * it was read (CdapBackend) — after the preconditions that need the dossier itself (T18).
 */
@Component("consultationViews")
public class ConsultationViews {

    /** Fields of the QF answer besides the quotient itself: who the family is, as far as the profile may see. */
    private static final List<String> QF_MEMBERS = List.of("allocataires", "enfants");

    private final CafCalendar calendar;

    ConsultationViews(CafCalendar calendar) {
        this.calendar = calendar;
    }

    /** The dossier as the profile may see it ({@code visible}: already reduced to its allow-listed leaves). */
    public ObjectNode dossier(GatewayRequest request, ObjectNode visible) {
        checkPrecondition(request.grant(), visible);
        return visible;
    }

    /** The month's quotient familial, and who the family is as far as the profile may see. */
    public ObjectNode quotientFamilial(GatewayRequest request, ObjectNode visible) {
        checkPrecondition(request.grant(), visible);
        Period period = request.period();
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.set("numeroAllocataire", visible.get("numeroAllocataire"));
        answer.set("quotientFamilial", quotientOf(visible.path("quotientsFamiliaux"), period));
        for (String member : QF_MEMBERS) {
            if (visible.has(member)) {
                answer.set(member, visible.get(member));
            }
        }
        return answer;
    }

    /** The month's quotient; a month the CAF did not send is NON_CONNU with a null value, never 0. */
    static ObjectNode quotientOf(JsonNode history, Period period) {
        ObjectNode quotient = JsonNodeFactory.instance.objectNode();
        JsonNode found = null;
        for (JsonNode entry : history) {
            if (entry.path("annee").asInt() == period.annee() && entry.path("mois").asInt() == period.mois()) {
                found = entry;
                break;
            }
        }
        JsonNode valeur = found == null ? null : found.get("valeur");
        String statut = found == null ? "NON_CONNU" : found.path("statut").asText("NON_CONNU");
        if (valeur == null || !valeur.isNumber() || !"CALCULE".equals(statut)) {
            quotient.putNull("valeur");
        } else {
            quotient.set("valeur", valeur);
        }
        quotient.put("annee", period.annee());
        quotient.put("mois", period.mois());
        quotient.put("statut", statut);
        return quotient;
    }

    /** On the allow-listed fields: a profile checked on the dossier lists the fields its check reads (Profile). */
    private void checkPrecondition(Grant grant, JsonNode dossier) {
        Profile profile = grant.profile();
        if (profile.checkedOnDossier()) {
            LocalDate today = calendar.today();
            if (!RsaRight.openOrRecent(dossier, today, profile.rsaMonths())) {
                throw new ProblemException(Problem.PROFILE_PRECONDITION_FAILED,
                        "Le profil " + profile.code() + " n'accède qu'aux dossiers dont le droit au RSA est ouvert "
                                + "ou a pris fin depuis moins de " + profile.rsaMonths() + " mois.");
            }
        }
    }
}
