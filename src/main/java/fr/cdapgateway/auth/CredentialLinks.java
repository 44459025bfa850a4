package fr.cdapgateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.config.SqlTime;

/**
 * Links that let a person choose their own password (SPEC §14.3, convention art. 9.1): 256 random bits, of which
 * only a SHA-256 is stored, valid {@code gateway.accounts.link-validity} (72 h), single use; a newer link of the same
 * account kills the older one. Reading a link's state never consumes it (a mail scanner following links must not
 * burn them); only choosing a password does, once, even when two browsers try at the same moment.
 */
@Component
public class CredentialLinks {

    public enum Nature { ACTIVATION, REINITIALISATION }

    public enum State { VALIDE, UTILISE, EXPIRE, INCONNU }

    /** What a link is, as its page tells it: never who it is for unless it is still valid. */
    public record Link(State state, Nature nature, String login) {

        static final Link UNKNOWN = new Link(State.INCONNU, null, null);
    }

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final AccountDirectory accounts;
    private final AccessNotifier notifier;
    private final AccountsProperties properties;
    private final Clock clock;

    CredentialLinks(JdbcClient jdbc, TransactionTemplate transactions, PasswordPolicy policy, PasswordHasher hasher,
                    AccountDirectory accounts, AccessNotifier notifier, AccountsProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.policy = policy;
        this.hasher = hasher;
        this.accounts = accounts;
        this.notifier = notifier;
        this.properties = properties;
        this.clock = clock;
    }

    /** A new link for this account (in the caller's transaction); its earlier unused links die. Returns the token. */
    String issue(long userId, Nature nature) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        jdbc.sql("""
                update lien_compte set remplace_le = :now
                 where utilisateur_id = :user and utilise_le is null and remplace_le is null""")
                .param("now", SqlTime.utc(now)).param("user", userId).update();
        jdbc.sql("""
                insert into lien_compte (utilisateur_id, empreinte, nature, cree_le, expire_le)
                values (:user, :digest, :nature, :now, :expires)""")
                .param("user", userId).param("digest", digest(token)).param("nature", nature.name())
                .param("now", SqlTime.utc(now)).param("expires", SqlTime.utc(now.plus(properties.linkValidity())))
                .update();
        return token;
    }

    /** The state of a link, without consuming it. Anything that is not a well-formed token is unknown. */
    public Link peek(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Link.UNKNOWN;
        }
        Instant now = clock.instant();
        return jdbc.sql("""
                select l.nature, l.expire_le, l.utilise_le, l.remplace_le, u.login, u.devalide_le from lien_compte l
                  join utilisateur u on u.id = l.utilisateur_id where l.empreinte = :digest""")
                .param("digest", digest(token))
                .query((rs, row) -> {
                    Nature nature = Nature.valueOf(rs.getString("nature"));
                    if (rs.getTimestamp("utilise_le") != null) {
                        return new Link(State.UTILISE, nature, null);
                    }
                    if (rs.getTimestamp("remplace_le") != null || rs.getTimestamp("devalide_le") != null
                            || !rs.getTimestamp("expire_le").toInstant().isAfter(now)) {
                        return new Link(State.EXPIRE, nature, null);
                    }
                    return new Link(State.VALIDE, nature, rs.getString("login"));
                })
                .optional().orElse(Link.UNKNOWN);
    }

    /**
     * The holder chooses their password: the policy of SPEC §7 applies, then, in one transaction, the link is used
     * (only if nobody used it first) and the password set; the account is active from now on. Returns the login.
     */
    public String choosePassword(String token, String password, String confirmation) {
        Link link = peek(token);
        if (link.state() != State.VALIDE) {
            throw new ProblemException(Problem.INVALID_REQUEST, explain(link.state()));
        }
        if (password == null || !password.equals(confirmation)) {
            throw new ProblemException(Problem.INVALID_REQUEST, "Les deux saisies du mot de passe diffèrent.");
        }
        Optional<String> refusal = policy.refusal(link.login(), password);
        refusal.ifPresent(reason -> {
            throw new ProblemException(Problem.WEAK_PASSWORD, reason);
        });
        String hash = hasher.hash(password);
        Instant now = clock.instant();
        Boolean done = transactions.execute(status -> {
            int used = jdbc.sql("""
                    update lien_compte set utilise_le = :now
                     where empreinte = :digest and utilise_le is null and remplace_le is null and expire_le > :now""")
                    .param("now", SqlTime.utc(now)).param("digest", digest(token)).update();
            if (used != 1) {
                return false;
            }
            jdbc.sql("""
                    update utilisateur set mot_de_passe_hash = :hash, mot_de_passe_change_le = :now,
                                           doit_changer_mot_de_passe = false, active_le = coalesce(active_le, :now)
                     where login = :login and devalide_le is null""")
                    .param("hash", hash).param("now", SqlTime.utc(now)).param("login", link.login()).update();
            notifier.changed();
            return true;
        });
        accounts.invalidate(link.login());
        if (!Boolean.TRUE.equals(done)) {
            throw new ProblemException(Problem.INVALID_REQUEST, explain(State.UTILISE));
        }
        return link.login();
    }

    /** What a person reads about a link that does not work, in French. */
    public static String explain(State state) {
        return switch (state) {
            case VALIDE -> "Ce lien est valable.";
            case UTILISE -> "Ce lien a déjà servi : il ne sert qu'une fois. Si vous n'avez pas choisi votre mot de passe "
                    + "vous-même, prévenez sans délai l'administrateur de votre convention.";
            case EXPIRE -> "Ce lien n'est plus valable (72 heures, ou remplacé par un lien plus récent). Demandez-en un "
                    + "nouveau avec « Mot de passe oublié » ou à votre gestionnaire.";
            case INCONNU -> "Ce lien n'est pas reconnu. Vérifiez qu'il a été copié en entier depuis le courriel reçu.";
        };
    }

    static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
