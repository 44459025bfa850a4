package fr.cdapgateway.auth;

import java.util.Locale;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Feedback;
import me.gosimple.nbvcxz.scoring.Result;

/**
 * The password policy of SPEC §7: 12 to 128 characters, not a common password, not containing the login, and
 * hard enough to guess. Common passwords come from the list shipped in the nbvcxz library
 * ({@code dictionaries/passwords.txt}, the 100,000 most frequent leaked passwords); a password is refused when it is
 * in the list, or when it is a listed password with digits and symbols added around it ("Password2026!"). Its
 * strength is then estimated by nbvcxz (dictionaries, keyboard walks, repetitions, sequences, dates): below
 * {@code gateway.auth.password-min-entropy} bits (40 by default, about 10^12 guesses) it is refused with the
 * reason, in French — "aaaaaaaaaaaa!!" or "azertyazertyazerty!" are long but guessed at once.
 */
@Component
public class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;
    private static final String DICTIONARY = "/dictionaries/passwords.txt";

    private final WordList common;
    private final double minimumEntropy;
    /** Built at the first password checked: its dictionaries take seconds to load, start-up need not wait. */
    private Nbvcxz estimator;

    public PasswordPolicy(@Value("${gateway.auth.password-min-entropy:40}") double minimumEntropy) {
        this.common = WordList.load(DICTIONARY, 4);
        this.minimumEntropy = minimumEntropy;
    }

    /** The reason the password is refused, in French for the user, or empty when it is acceptable. */
    public Optional<String> refusal(String login, String password) {
        if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            return Optional.of("Le mot de passe doit compter de 12 à 128 caractères.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (login != null && !login.isBlank() && lower.contains(login.toLowerCase(Locale.ROOT))) {
            return Optional.of("Le mot de passe ne doit pas contenir l'identifiant.");
        }
        if (common.contains(lower) || common.contains(core(lower))) {
            return Optional.of("Ce mot de passe figure parmi les mots de passe les plus courants.");
        }
        return weakness(password);
    }

    /** nbvcxz's estimate; its objects are not documented as thread-safe, and passwords change rarely. */
    private synchronized Optional<String> weakness(String password) {
        if (estimator == null) {
            estimator = new Nbvcxz(new ConfigurationBuilder().setLocale(Locale.FRENCH)
                    .setMinimumEntropy(minimumEntropy).createConfiguration());
        }
        Result estimate = estimator.estimate(password);
        if (estimate.isMinimumEntropyMet()) {
            return Optional.empty();
        }
        StringBuilder reason = new StringBuilder("Ce mot de passe est trop facile à deviner (force estimée : ")
                .append(Math.round(estimate.getEntropy())).append(" bits, minimum ").append(Math.round(minimumEntropy))
                .append(").");
        Feedback feedback = estimate.getFeedback();
        if (feedback.getWarning() != null) {
            reason.append(' ').append(feedback.getWarning());
        }
        feedback.getSuggestion().forEach(suggestion -> reason.append(' ').append(suggestion));
        reason.append(" Une phrase de passe de quatre mots sans lien entre eux convient bien.");
        return Optional.of(reason.toString());
    }

    /** The password without the digits and symbols usually added around a common word. */
    static String core(String lower) {
        int start = 0;
        int end = lower.length();
        while (start < end && !Character.isLetter(lower.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetter(lower.charAt(end - 1))) {
            end--;
        }
        return lower.substring(start, end);
    }
}
