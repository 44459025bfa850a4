package fr.cdapgateway.admin;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;

/**
 * An account names one person (SPEC §7): a login of its own, a name, a first name and an individual e-mail.
 * Shared mailboxes ({@code contact@}, {@code mairie@}, {@code accueil@}...) are refused.
 */
final class IdentityRules {

    private static final Pattern LOGIN = Pattern.compile("[a-z0-9][a-z0-9._-]{2,99}");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9.-]{1,180}\\.[A-Za-z]{2,24}");
    private static final Set<String> GENERIC = Set.of("contact", "contacts", "mairie", "accueil", "info", "infos",
            "information", "informations", "secretariat", "secretaire", "admin", "administration", "direction",
            "service", "services", "noreply", "no-reply", "ne-pas-repondre", "courrier", "standard", "rh", "compta",
            "comptabilite", "facturation", "cantine", "periscolaire", "scolaire", "support", "webmaster",
            "postmaster", "bonjour", "hello", "commun", "equipe", "ccas", "caf", "regie", "guichet", "dsi",
            "informatique", "test", "demo", "office", "general");

    private IdentityRules() {
    }

    static String login(String login) {
        if (login == null || !LOGIN.matcher(login).matches()) {
            throw invalid("login : 3 à 100 caractères parmi a-z, 0-9, point, tiret et soulignement.");
        }
        return login;
    }

    static String name(String value, String field) {
        if (value == null || value.isBlank() || value.length() > 100 || value.chars().anyMatch(Character::isISOControl)) {
            throw invalid(field + " : obligatoire (100 caractères au plus).");
        }
        return value.trim();
    }

    static String email(String email) {
        if (email == null || email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw invalid("email : adresse électronique individuelle obligatoire.");
        }
        String local = email.substring(0, email.indexOf('@')).toLowerCase(Locale.ROOT);
        String head = local.split("[._+-]")[0];
        if (GENERIC.contains(local) || GENERIC.contains(head)) {
            throw new ProblemException(Problem.GENERIC_MAILBOX_REFUSED,
                    "Une adresse générique (" + local + "@...) ne désigne pas une personne : donnez l'adresse "
                            + "individuelle de l'agent.");
        }
        return email;
    }

    /** Any well-formed address, a generic mailbox included (a CAF's guichet is one, and meant to be). */
    static String anyEmail(String email) {
        if (email == null || email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw invalid("email : adresse électronique obligatoire.");
        }
        return email;
    }

    static String optional(String value, int max, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max || value.chars().anyMatch(Character::isISOControl)) {
            throw invalid(field + " : " + max + " caractères au plus.");
        }
        return value.trim();
    }

    static ProblemException invalid(String detail) {
        return new ProblemException(Problem.INVALID_REQUEST, detail);
    }
}
