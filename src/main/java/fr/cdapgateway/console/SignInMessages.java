package fr.cdapgateway.console;

import java.util.Map;

/** Why a sign-in was refused, in the words an agent understands; unknown codes say the generic thing. */
final class SignInMessages {

    /**
     * One sentence for a wrong password, an unknown login and a locked account alike (SPEC §14.4): it names the
     * possible lock without saying whether this account is locked.
     */
    private static final String GENERIC = "Identifiant ou mot de passe incorrect. Après des échecs répétés, un compte "
            + "est verrouillé : un gestionnaire de votre convention peut le déverrouiller.";
    private static final Map<String, String> MESSAGES = Map.of(
            "credentials-invalid", GENERIC,
            "account-suspended", "Votre compte est suspendu : contactez l'administrateur de votre convention.",
            "account-devalidated", "Ce compte a été dévalidé : il ne peut plus être utilisé.",
            "automation-without-user-identity", "Ce compte technique ne désigne pas une personne : il ne peut pas "
                    + "ouvrir la console.",
            "rate-limited", "Trop de tentatives de connexion : patientez quelques minutes avant de réessayer.",
            "convention-inactive", "Votre convention n'est pas en vigueur : la console ne vous est pas ouverte.",
            "trace-unavailable", "Le service est momentanément indisponible : réessayez dans quelques instants.");

    private SignInMessages() {
    }

    static String of(String code) {
        return MESSAGES.getOrDefault(code, GENERIC);
    }
}
