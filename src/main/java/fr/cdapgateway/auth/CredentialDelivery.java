package fr.cdapgateway.auth;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fr.cdapgateway.auth.CredentialLinks.Nature;
import fr.cdapgateway.mail.Letter;
import fr.cdapgateway.mail.MailProperties;
import fr.cdapgateway.mail.Outbox;
import fr.cdapgateway.mail.Recipients.Recipient;

/**
 * Credentials reach their holder directly (SPEC §14.3, art. 9.1): a link mailed to the account's own address lets
 * the person choose their password; a manager never chooses, sees or receives one. Called inside the transaction of
 * the change that causes it (a creation, a reset), so the account, the link and the mail commit together.
 */
@Component
public class CredentialDelivery {

    private record Holder(long id, String login, String email, String prenom, String nom, String caf,
                          String convention, String partenaire) {
    }

    private final JdbcClient jdbc;
    private final CredentialLinks links;
    private final Outbox outbox;
    private final MailProperties mail;
    private final AccountsProperties properties;

    CredentialDelivery(JdbcClient jdbc, CredentialLinks links, Outbox outbox, MailProperties mail,
                       AccountsProperties properties) {
        this.jdbc = jdbc;
        this.links = links;
        this.outbox = outbox;
        this.mail = mail;
        this.properties = properties;
    }

    /** Mails an activation link to a new account's holder. */
    public void activation(String login) {
        send(holder(login), Nature.ACTIVATION, false);
    }

    /** Mails a link to choose a new password after a manager's reset: the old one already stopped. */
    public void reset(String login) {
        send(holder(login), Nature.REINITIALISATION, true);
    }

    /** Mails a link to choose a new password asked for with "mot de passe oublié": the old one still works. */
    void forgotten(String login) {
        send(holder(login), Nature.REINITIALISATION, false);
    }

    private void send(Holder holder, Nature nature, boolean oldStopped) {
        String token = links.issue(holder.id(), nature);
        long hours = properties.linkValidity().toHours();
        String who = holder.partenaire() == null ? "la CAF " + holder.caf()
                : holder.partenaire() + " (convention " + holder.convention() + ")";
        Letter.Builder letter = Letter.to(new Recipient(holder.email(), holder.prenom(), holder.nom()))
                .of(holder.caf(), holder.convention());
        if (nature == Nature.ACTIVATION) {
            letter.about("Votre accès au service CDAP : choisissez votre mot de passe", "ACTIVATION")
                    .says("Un compte personnel d'accès au service CDAP de la CAF a été créé pour vous par " + who + ".",
                            "Votre identifiant : " + holder.login(),
                            "Ce compte est le vôtre : ne le partagez avec personne. Pour l'activer, choisissez "
                                    + "vous-même votre mot de passe en ouvrant ce lien dans les " + hours + " heures ; "
                                    + "il ne sert qu'une fois.");
        } else {
            letter.about("Service CDAP : choisissez un nouveau mot de passe",
                            oldStopped ? "REINITIALISATION" : "MOT_DE_PASSE_OUBLIE")
                    .says("Un nouveau mot de passe a été demandé pour votre compte " + holder.login()
                                    + " du service CDAP (" + who + ")."
                                    + (oldStopped ? " L'ancien ne fonctionne plus."
                                                  : " L'ancien fonctionne jusqu'à ce que vous en choisissiez un autre."),
                            "Choisissez-en un nouveau en ouvrant ce lien dans les " + hours + " heures ; il ne sert "
                                    + "qu'une fois.");
        }
        outbox.post(letter.link(mail.link("/activation/" + token), "Choisir mon mot de passe")
                .says("Si vous n'êtes pas à l'origine de cette demande, ne suivez pas le lien et prévenez "
                        + "l'administrateur de votre convention.")
                .build());
    }

    private Holder holder(String login) {
        return jdbc.sql("""
                select u.id, u.login, u.email, u.prenom, u.nom, u.caf, u.convention, c.partenaire_nom
                  from utilisateur u left join convention c on c.numero = u.convention where u.login = :login""")
                .param("login", login)
                .query((rs, row) -> new Holder(rs.getLong("id"), rs.getString("login"), rs.getString("email"),
                        rs.getString("prenom"), rs.getString("nom"), rs.getString("caf"), rs.getString("convention"),
                        rs.getString("partenaire_nom")))
                .single();
    }
}
