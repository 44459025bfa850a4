package fr.cdapgateway.trace;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import fr.cdapgateway.auth.Account;
import fr.cdapgateway.auth.Authenticator;

/**
 * {@code GET /api/v1/moi/traces}: a user's own traces, for a GDPR article 15 request (what the gateway recorded
 * about them: when, from where, what they consulted). JSON pages or {@code ?format=csv}.
 */
@Component("ownTraces")
public class OwnTraces {

    private final TraceExport export;

    OwnTraces(TraceExport export) {
        this.export = export;
    }

    public void export(Exchange exchange) {
        Account account = exchange.getProperty(Authenticator.ACCOUNT, Account.class);
        export.answer(exchange, export.filter(exchange, null, account.login()), "traces-" + account.login() + ".csv");
    }
}
