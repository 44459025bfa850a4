package fr.cdapgateway.api;

import java.time.LocalDate;
import java.time.YearMonth;

import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;

/**
 * The month of a quotient familial: the current month by default, at most 24 months back, never in the
 * future (SPEC §4). {@code annee} and {@code mois} go together.
 */
public record Period(int annee, int mois) {

    static final int MONTHS_BACK = 24;

    public static Period resolve(String annee, String mois, LocalDate today) {
        YearMonth current = YearMonth.from(today);
        if (annee == null && mois == null) {
            return new Period(current.getYear(), current.getMonthValue());
        }
        if (annee == null || mois == null) {
            throw invalid("Indiquez l'année et le mois ensemble (annee=AAAA&mois=M), ou aucun des deux.");
        }
        if (!annee.matches("[0-9]{4}") || !mois.matches("[0-9]{1,2}")) {
            throw invalid("annee attend 4 chiffres et mois un nombre de 1 à 12.");
        }
        int month = Integer.parseInt(mois);
        if (month < 1 || month > 12) {
            throw invalid("mois attend un nombre de 1 à 12.");
        }
        YearMonth asked = YearMonth.of(Integer.parseInt(annee), month);
        if (asked.isAfter(current)) {
            throw invalid("Le quotient familial d'un mois futur n'est pas connu.");
        }
        if (asked.isBefore(current.minusMonths(MONTHS_BACK))) {
            throw invalid("Le quotient familial n'est consultable que sur les 24 derniers mois.");
        }
        return new Period(asked.getYear(), asked.getMonthValue());
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(Problem.INVALID_PERIOD, detail);
    }
}
