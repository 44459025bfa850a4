package fr.cdapgateway.habilitation;

import java.time.LocalDate;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Sanitizer;
import fr.cdapgateway.auth.Account;
import fr.cdapgateway.auth.Authenticator;
import fr.cdapgateway.config.CafCalendar;

/** Applies the {@link AccessPolicy} to a consultation; the grant is kept for the backend call and the filter. */
@Component("habilitationCheck")
public class HabilitationCheck {

    public static final String GRANT = "gatewayGrant";

    private final HabilitationDirectory directory;
    private final AccessPolicy policy;
    private final CafCalendar calendar;

    HabilitationCheck(HabilitationDirectory directory, ProfileCatalog catalog, CafCalendar calendar) {
        this.directory = directory;
        this.policy = new AccessPolicy(catalog);
        this.calendar = calendar;
    }

    public void quotientFamilial(Exchange exchange) {
        check(exchange, true);
    }

    public void dossier(Exchange exchange) {
        check(exchange, false);
    }

    private void check(Exchange exchange, boolean quotientFamilial) {
        Account account = exchange.getProperty(Authenticator.ACCOUNT, Account.class);
        Message in = exchange.getMessage();
        GatewayRequest request = GatewayRequest.of(exchange);
        request.service(AccessPolicy.SERVICE);
        String motif = in.getHeader("X-Motif", String.class);
        request.motif(Sanitizer.clean(motif, 60));
        AccessPolicy.Demand demand = new AccessPolicy.Demand(quotientFamilial,
                in.getHeader("X-Profil", String.class), motif, in.getHeader("X-Numero-Instructeur", String.class));
        LocalDate today = calendar.today();
        AccessPolicy.Grant grant = policy.decide(account.numeroInstructeur(),
                directory.convention(account.convention()).orElse(null),
                directory.habilitationsOf(account.id()), demand, today);
        request.profil(grant.profile().code());
        exchange.setProperty(GRANT, grant);
    }
}
