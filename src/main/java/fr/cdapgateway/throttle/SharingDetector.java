package fr.cdapgateway.throttle;

import java.time.Clock;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;

import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import fr.cdapgateway.alert.AlertRaiser;
import fr.cdapgateway.alert.AlertType;
import fr.cdapgateway.api.Account;
import fr.cdapgateway.api.Caches;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.throttle.LastAddresses.Seen;

/**
 * Account sharing (SPEC §7): the same login used from two client addresses within the window is flagged
 * {@code credential-sharing-suspected} in the trace and counted in the metrics; the call is refused (403) when
 * the convention asks for it. Addresses come from the socket, or X-Forwarded-For from trusted proxies only.
 * <p>
 * Across a cluster: each instance remembers the last address of each login it served, and compares a login's
 * first call here, or a call from another address, with the last address the cluster recorded
 * ({@link LastAddresses}), which it then replaces. So the two calls are compared whichever instances served them,
 * and the database is read and written only when a login's address changes for an instance, not on every call.
 */
@Component("sharingDetector")
public class SharingDetector {

    public static final String FLAG = "credential-sharing-suspected";

    private static final Logger LOG = LoggerFactory.getLogger(SharingDetector.class);

    private final ThrottleProperties limits;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Cache<String, Seen> lastSeen;
    private final LastAddresses cluster;
    private final AlertRaiser alerts;

    SharingDetector(ThrottleProperties limits, Clock clock, MeterRegistry meters, LastAddresses cluster,
                    AlertRaiser alerts) {
        this.cluster = cluster;
        this.alerts = alerts;
        this.limits = limits;
        this.clock = clock;
        this.meters = meters;
        meters.counter("gateway.sharing.suspected");
        this.lastSeen = Caches.onCallersThread().maximumSize(1_000_000)
                .expireAfterWrite(limits.sharing().window()).build();
    }

    /** After authentication: the account's last address is compared with this request's. */
    public void check(GatewayRequest request) {
        Account account = request.account();
        String address = request.clientAddress();
        if (account == null || address == null) {
            return;
        }
        Instant now = clock.instant();
        Seen previous = lastSeen.asMap().put(account.login(), new Seen(address, now));
        if (previous == null || !previous.address().equals(address)) {
            Seen inCluster = shared(account.login(), address, now);
            // this instance's own last sight of the login, if it has one, else the cluster's
            previous = previous == null ? inCluster : previous;
        }
        if (previous == null || previous.address().equals(address)
                || previous.at().isBefore(now.minus(limits.sharing().window()))) {
            return;
        }
        request.flag(FLAG);
        meters.counter("gateway.sharing.suspected").increment();
        alert(account);
        refuseIfAsked(account);
    }

    /** The convention's administrators are told at once (SPEC §14.5); the trace keeps the flag whatever happens. */
    private void alert(Account account) {
        try {
            alerts.raise(AlertType.PARTAGE_SUSPECTE, account.caf(), account.convention(), account.login());
        } catch (RuntimeException e) {
            LOG.warn("account sharing: the alert could not be recorded ({})", e.getClass().getSimpleName());
        }
    }

    /** The cluster's last sight of the login; without the database, sharing is still seen within this instance. */
    private Seen shared(String login, String address, Instant now) {
        try {
            return cluster.replace(login, address, now).orElse(null);
        } catch (RuntimeException e) {
            LOG.warn("account sharing: the cluster's last addresses are unavailable ({})", e.getClass().getSimpleName());
            return null;
        }
    }

    private void refuseIfAsked(Account account) {
        if (limits.refuseSharing(account.convention())) {
            throw new ProblemException(Problem.CREDENTIAL_SHARING_SUSPECTED,
                    "Ce compte vient d'être utilisé depuis une autre adresse : un compte ne se partage pas. "
                            + "Contactez l'administrateur de votre convention.");
        }
    }
}
