package fr.cdapgateway.consultation;

import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Component;

import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.NumeroAllocataire;
import fr.cdapgateway.api.Period;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.config.CafCalendar;

/** Reads and validates what a consultation asks for, before any habilitation check or backend call. */
@Component("consultationInput")
public class ConsultationInput {

    private final CafCalendar calendar;

    ConsultationInput(CafCalendar calendar) {
        this.calendar = calendar;
    }

    /** {@code GET /dossiers/{numero}}: the path's segment, decoded, is the dossier asked for. */
    public void dossier(GatewayRequest request, String numero) {
        request.numero(new NumeroAllocataire(numero));
    }

    /**
     * {@code GET /dossiers/{numero}/quotient-familial?annee=&mois=}: the dossier, and the month (the query's
     * values of each parameter, at most one each; the current month by default).
     */
    public void quotientFamilial(GatewayRequest request, String numero, List<String> annee, List<String> mois) {
        dossier(request, numero);
        LocalDate today = calendar.today();
        request.period(Period.resolve(single(annee, "annee"), single(mois, "mois"), today));
    }

    private static String single(List<String> values, String name) {
        if (values.size() > 1) {
            throw new ProblemException(Problem.INVALID_PERIOD, "Le paramètre " + name + " est donné plusieurs fois.");
        }
        return values.isEmpty() ? null : values.get(0);
    }
}
