package fr.cdapgateway.console;

import java.util.Map;

/** Why a sign-in was refused, in the words an agent understands; unknown codes say the generic thing. */
final class SignInMessages {

    private static final String GENERIC = "Identifiant ou mot de passe incorrect.";
    private static final Map<String, String> MESSAGES = Map.of(
            "credentials-invalid", GENERIC,
            "account-locked", "Votre compte est verrouillé après des échecs de connexion répétés : demandez à un "
                    + "gestionnaire de votre convention de le déverrouiller.",
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
