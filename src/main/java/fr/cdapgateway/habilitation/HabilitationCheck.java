package fr.cdapgateway.habilitation;

import java.time.LocalDate;

import org.springframework.stereotype.Component;

import fr.cdapgateway.api.Account;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Sanitizer;
import fr.cdapgateway.config.CafCalendar;

/** Applies the {@link AccessPolicy} to a consultation; the grant is kept for the backend call and the filter. */
@Component("habilitationCheck")
public class HabilitationCheck {

    private final HabilitationDirectory directory;
    private final AccessPolicy policy;
    private final CafCalendar calendar;

    HabilitationCheck(HabilitationDirectory directory, ProfileCatalog catalog, CafCalendar calendar) {
        this.directory = directory;
        this.policy = new AccessPolicy(catalog);
        this.calendar = calendar;
    }

    /**
     * May the authenticated caller make this demand (the resource, and the X-Profil, X-Motif and
     * X-Numero-Instructeur headers)? Sets the grant, or refuses with the problem that says why.
     */
    public void check(GatewayRequest request, AccessPolicy.Demand demand) {
        Account account = request.account();
        request.service(AccessPolicy.SERVICE);
        request.motif(Sanitizer.clean(demand.motif(), 60));
        LocalDate today = calendar.today();
        request.grant(policy.decide(account.numeroInstructeur(),
                directory.convention(account.convention()).orElse(null),
                directory.habilitationsOf(account.id()), demand, today));
    }
}
