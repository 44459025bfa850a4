package fr.cdapgateway.consultation;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

/** The T18 precondition (SPEC §6): the dossier's RSA right is open, or ended less than N months ago. */
final class RsaRight {

    private RsaRight() {
    }

    static boolean openOrRecent(JsonNode dossier, LocalDate today, int months) {
        JsonNode rsa = dossier.path("rsa");
        LocalDate debut = date(rsa.path("dateDebutDroit"));
        if (debut == null) {
            return false;
        }
        LocalDate fin = date(rsa.path("dateFinDroit"));
        return fin == null || fin.isAfter(today.minusMonths(months));
    }

    private static LocalDate date(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return LocalDate.parse(node.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
