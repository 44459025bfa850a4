package fr.cdapgateway.console;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;

import fr.cdapgateway.admin.ReverseReview;
import fr.cdapgateway.admin.UserView;

/**
 * The states of an account a manager watches, over the admin API's view of an account: the dashboard counts
 * them, the user list filters by them (its {@code filtre} parameter is the {@link #parameter}).
 */
enum AccountFilter {

    VERROUILLES("verrouilles"), SUSPENDUS("suspendus"), DEVALIDES("devalides"), JAMAIS("jamais"),
    INUTILISES("inutilises");

    final String parameter;

    AccountFilter(String parameter) {
        this.parameter = parameter;
    }

    static Optional<AccountFilter> of(String parameter) {
        return Arrays.stream(values()).filter(f -> f.parameter.equals(parameter)).findFirst();
    }

    /** Whether the account is in this state; a devalidated account counts only as devalidated. */
    boolean test(UserView account, Instant now) {
        String statut = account.statut();
        Instant lastLogin = account.derniereConnexion();
        return switch (this) {
            case VERROUILLES -> "VERROUILLE".equals(statut);
            case SUSPENDUS -> "SUSPENDU".equals(statut);
            case DEVALIDES -> "DEVALIDE".equals(statut);
            case JAMAIS -> lastLogin == null && !"DEVALIDE".equals(statut);
            case INUTILISES -> lastLogin != null && !"DEVALIDE".equals(statut)
                    && lastLogin.isBefore(now.minus(ReverseReview.UNUSED_DAYS, ChronoUnit.DAYS));
        };
    }
}
