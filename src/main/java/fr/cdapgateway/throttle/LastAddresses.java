package fr.cdapgateway.throttle;

import java.time.Instant;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fr.cdapgateway.config.SqlTime;

/**
 * The last client address of each login, in the database shared by the instances of a cluster
 * ({@code adresse_recente}), so that account sharing is detected whichever instances served the two calls. An
 * instance reads and writes it only when it sees a login from an address it did not see last (SharingDetector):
 * not on every request.
 */
@Component
class LastAddresses {

    /** Where and when a login was last seen. */
    record Seen(String address, Instant at) {
    }

    private final JdbcClient jdbc;

    LastAddresses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the login's new address and returns the one the cluster saw before, if any. */
    Optional<Seen> replace(String login, String address, Instant now) {
        Optional<Seen> previous = jdbc.sql("select adresse, vue_le from adresse_recente where login = :login")
                .param("login", login)
                .query((rs, row) -> new Seen(rs.getString(1), SqlTime.instant(rs.getTimestamp(2)))).optional();
        if (update(login, address, now) == 0) {
            try {
                jdbc.sql("insert into adresse_recente (login, adresse, vue_le) values (:login, :address, :now)")
                        .param("login", login).param("address", address).param("now", SqlTime.utc(now)).update();
            } catch (DuplicateKeyException anotherInstanceFirst) {
                update(login, address, now);
            }
        }
        return previous;
    }

    /** Forgets what is older than the sharing window: the addresses are kept no longer than they serve. */
    int forgetBefore(Instant limit) {
        return jdbc.sql("delete from adresse_recente where vue_le < :limit").param("limit", SqlTime.utc(limit)).update();
    }

    private int update(String login, String address, Instant now) {
        return jdbc.sql("update adresse_recente set adresse = :address, vue_le = :now where login = :login")
                .param("address", address).param("now", SqlTime.utc(now)).param("login", login).update();
    }
}
