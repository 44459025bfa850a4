package fr.cdapgateway.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import fr.cdapgateway.alert.AlertType;
import fr.cdapgateway.alert.Alerts;
import fr.cdapgateway.alert.MassFailures;
import fr.cdapgateway.api.Account;
import fr.cdapgateway.mail.Letter;
import fr.cdapgateway.mail.MailProperties;
import fr.cdapgateway.mail.Outbox;
import fr.cdapgateway.mail.Recipients.Recipient;
import fr.cdapgateway.mail.Recipients;

/**
 * A failed login on an existing account (SPEC §7, §14.4): counted against the account — 10 in a row or 25 in a day
 * lock it — and, when this failure locks it, in the same transaction: a {@code VERROUILLAGE} alert, and a mail to
 * the holder and to the managers who can unlock it, once per lock. Every failure also counts towards the
 * convention's mass-failure alert.
 */
@Component
class Lockout {

    private static final Logger LOG = LoggerFactory.getLogger(Lockout.class);

    private final AccountRepository repository;
    private final AuthProperties properties;
    private final TransactionTemplate transactions;
    private final Alerts alerts;
    private final MassFailures massFailures;
    private final Outbox outbox;
    private final Recipients recipients;
    private final MailProperties mail;

    Lockout(AccountRepository repository, AuthProperties properties, TransactionTemplate transactions, Alerts alerts,
            MassFailures massFailures, Outbox outbox, Recipients recipients, MailProperties mail) {
        this.repository = repository;
        this.properties = properties;
        this.transactions = transactions;
        this.alerts = alerts;
        this.massFailures = massFailures;
        this.outbox = outbox;
        this.recipients = recipients;
        this.mail = mail;
    }

    /** Counts a wrong password; returns whether it locked the account. */
    boolean wrongPassword(Account account, Instant now) {
        Boolean locked = transactions.execute(status -> {
            boolean lockedNow = repository.recordFailure(account.id(), properties.lockoutThreshold(),
                    properties.dailyFailureLimit(), now);
            if (lockedNow) {
                alerts.raise(AlertType.VERROUILLAGE, account.caf(), account.convention(), account.login());
                outbox.post(letters(account));
            }
            return lockedNow;
        });
        attempted(account);
        return Boolean.TRUE.equals(locked);
    }

    /** Any failed login on an account of a convention (a locked one included) counts towards mass failures. */
    void attempted(Account account) {
        try {
            massFailures.failure(account.caf(), account.convention());
        } catch (RuntimeException e) {
            LOG.warn("mass failures could not be counted ({})", e.getClass().getSimpleName());
        }
    }

    private List<Letter> letters(Account account) {
        List<Letter> letters = new ArrayList<>();
        letters.add(Letter.to(new Recipient(account.email(), account.prenom(), account.nom()))
                .about("Votre compte CDAP est verrouillé", "VERROUILLAGE")
                .of(account.caf(), account.convention())
                .says("Votre compte " + account.login() + " a été verrouillé après des échecs de connexion répétés.",
                        "Si ces tentatives ne viennent pas de vous, quelqu'un essaie peut-être votre mot de passe : "
                                + "prévenez l'administrateur de votre convention.",
                        "Un gestionnaire de votre convention peut déverrouiller le compte ; vous pouvez aussi choisir "
                                + "un nouveau mot de passe une fois le compte déverrouillé.")
                .build());
        List<Recipient> managers = account.convention() == null ? recipients.cafAdministrators(account.caf())
                : recipients.managers(account.convention());
        for (Recipient manager : managers) {
            if (manager.email().equalsIgnoreCase(account.email())) {
                continue;
            }
            letters.add(Letter.to(manager)
                    .about("Compte CDAP verrouillé : " + account.login(), "VERROUILLAGE")
                    .of(account.caf(), account.convention())
                    .says("Le compte " + account.login() + " de " + account.prenom() + " " + account.nom()
                                    + " a été verrouillé après des échecs de connexion répétés.",
                            "Vérifiez avec son titulaire que ces tentatives viennent de lui avant de le déverrouiller.")
                    .link(mail.link("/utilisateurs/" + account.login()), "Voir le compte dans la console")
                    .build());
        }
        return letters;
    }
}
