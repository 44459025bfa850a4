package fr.cdapgateway.api;

import java.util.regex.Pattern;

import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;

/** A CAF file number: exactly 7 digits (SPEC §4). Anything else is refused before any backend call. */
public record NumeroAllocataire(String value) {

    private static final Pattern SEVEN_DIGITS = Pattern.compile("[0-9]{7}");

    public NumeroAllocataire {
        if (value == null || !SEVEN_DIGITS.matcher(value).matches()) {
            throw new ProblemException(Problem.INVALID_NUMERO_ALLOCATAIRE,
                    "Le numéro allocataire doit compter exactement 7 chiffres.");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
