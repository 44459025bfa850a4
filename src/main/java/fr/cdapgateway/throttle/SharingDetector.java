package fr.cdapgateway.throttle;

import java.time.Clock;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.MeterRegistry;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.auth.Account;
import fr.cdapgateway.auth.Authenticator;

/**
 * Account sharing (SPEC §7): the same login used from two client addresses within the window is flagged
 * {@code credential-sharing-suspected} in the trace and counted in the metrics; the call is refused (403) when
 * the convention asks for it. Addresses come from the socket, or X-Forwarded-For from trusted proxies only.
 */
@Component("sharingDetector")
public class SharingDetector {

    public static final String FLAG = "credential-sharing-suspected";

    private record Seen(String address, Instant at) {
    }

    private final ThrottleProperties limits;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Cache<String, Seen> lastSeen;

    SharingDetector(ThrottleProperties limits, Clock clock, MeterRegistry meters) {
        this.limits = limits;
        this.clock = clock;
        this.meters = meters;
        this.lastSeen = Caffeine.newBuilder().maximumSize(1_000_000)
                .expireAfterWrite(limits.sharing().window()).build();
    }

    public void check(Exchange exchange) {
        Account account = exchange.getProperty(Authenticator.ACCOUNT, Account.class);
        GatewayRequest request = GatewayRequest.of(exchange);
        String address = request.clientAddress();
        if (account == null || address == null) {
            return;
        }
        Instant now = clock.instant();
        Seen previous = lastSeen.asMap().put(account.login(), new Seen(address, now));
        if (previous == null || previous.address().equals(address)
                || previous.at().isBefore(now.minus(limits.sharing().window()))) {
            return;
        }
        request.flag(FLAG);
        meters.counter("gateway.sharing.suspected").increment();
        if (limits.refuseSharing(account.convention())) {
            throw new ProblemException(Problem.CREDENTIAL_SHARING_SUSPECTED,
                    "Ce compte vient d'être utilisé depuis une autre adresse : un compte ne se partage pas. "
                            + "Contactez l'administrateur de votre convention.");
        }
    }
}
