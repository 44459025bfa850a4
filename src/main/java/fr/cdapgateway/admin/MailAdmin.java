package fr.cdapgateway.admin;

import java.util.List;

import org.springframework.stereotype.Component;

import fr.cdapgateway.mail.Outbox;
import fr.cdapgateway.mail.Outbox.CourrielView;

/** The CAF admin follows its CAF's mails (SPEC §14.1): to whom, about what, where they stand — never their bodies. */
@Component
public class MailAdmin {

    private final Outbox outbox;

    MailAdmin(Outbox outbox) {
        this.outbox = outbox;
    }

    public List<CourrielView> list(Caller caller, String statut) {
        caller.require(caller.cafAdmin(), "Les courriels envoyés sont suivis par la CAF.");
        if (statut != null && !Outbox.STATUSES.contains(statut)) {
            throw IdentityRules.invalid("statut : EN_ATTENTE, ENVOYE ou ECHEC.");
        }
        return outbox.ofCaf(caller.account().caf(), statut, 500);
    }
}
