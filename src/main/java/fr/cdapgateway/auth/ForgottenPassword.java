package fr.cdapgateway.auth;

import java.time.Duration;
import java.util.Locale;

import io.github.bucket4j.BucketConfiguration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.api.Sanitizer;
import fr.cdapgateway.throttle.BucketStore;

/**
 * "Mot de passe oublié" (SPEC §14.3): whatever the login, the answer is the same (202, or the same page); a link is
 * mailed only when the login names an active person — not a technical account, not suspended, devalidated or
 * locked (a lock is lifted by a manager, never by a mail). Throttled per client address and per login, counted
 * whether the login exists or not, so neither the answer nor its limit tells anything about the login. The old
 * password keeps working until the holder chooses a new one: asking for a link must not let anyone lock a colleague
 * out.
 */
@Component
public class ForgottenPassword {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final CredentialDelivery delivery;
    private final BucketStore buckets;
    private final BucketConfiguration perAddress;
    private final BucketConfiguration perLogin;

    ForgottenPassword(JdbcClient jdbc, TransactionTemplate transactions, CredentialDelivery delivery,
                      BucketStore buckets, AccountsProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.delivery = delivery;
        this.buckets = buckets;
        this.perAddress = hourly(properties.forgottenPerAddress());
        this.perLogin = hourly(properties.forgottenPerLogin());
    }

    private static BucketConfiguration hourly(int count) {
        return BucketConfiguration.builder()
                .addLimit(l -> l.capacity(count).refillGreedy(count, Duration.ofHours(1))).build();
    }

    /** Mails a link if the login names an active person; says nothing either way. */
    public void request(String login, GatewayRequest request) {
        if (login == null || login.isBlank() || login.length() > BasicCredentials.MAX_LOGIN) {
            throw new ProblemException(Problem.INVALID_REQUEST, "Indiquez votre identifiant (login).");
        }
        String normalized = login.trim();
        request.login(Sanitizer.clean(normalized, 100));
        if (request.clientAddress() != null
                && !buckets.bucket("oubli-a:" + request.clientAddress(), perAddress).tryConsume(1)) {
            throw tooMany(request);
        }
        if (!buckets.bucket("oubli-l:" + normalized.toLowerCase(Locale.ROOT), perLogin).tryConsume(1)) {
            throw tooMany(request);
        }
        boolean active = jdbc.sql("""
                select count(*) from utilisateur where login = :login and type = 'PERSONNE' and devalide_le is null
                   and suspendu_le is null and verrouille_le is null""")
                .param("login", normalized).query(Integer.class).single() == 1;
        if (active) {
            transactions.executeWithoutResult(status -> delivery.forgotten(normalized));
        }
    }

    private static ProblemException tooMany(GatewayRequest request) {
        request.responseHeaders().put("Retry-After", "3600");
        request.responseHeaders().put("RateLimit-Limit", "1");
        request.responseHeaders().put("RateLimit-Remaining", "0");
        request.responseHeaders().put("RateLimit-Reset", "3600");
        return new ProblemException(Problem.RATE_LIMITED,
                "Trop de demandes de mot de passe oublié : réessayez dans une heure.");
    }
}
