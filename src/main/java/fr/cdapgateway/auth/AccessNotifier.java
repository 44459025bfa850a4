package fr.cdapgateway.auth;

import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells every instance of a cluster that an account or a habilitation changed (SPEC §3): it bumps the shared
 * generation counter, which instances poll when they cannot listen, and on PostgreSQL it sends a notification on
 * {@link #CHANNEL}, which they listen to, so the change reaches them in milliseconds. Inside a transaction both
 * take effect when it commits (PostgreSQL delivers a notification at commit), never before.
 */
@Component
public class AccessNotifier {

    /** The PostgreSQL channel of access changes. */
    public static final String CHANNEL = "cdap_acces";

    private final JdbcClient jdbc;
    private final boolean postgres;

    AccessNotifier(JdbcClient jdbc, DataSourceProperties database) {
        this.jdbc = jdbc;
        this.postgres = database.determineUrl().startsWith("jdbc:postgresql:");
    }

    public boolean listenable() {
        return postgres;
    }

    public void changed() {
        jdbc.sql("update generation_acces set generation = generation + 1 where id = 1").update();
        if (postgres) {
            jdbc.sql("select pg_notify('" + CHANNEL + "', '')").query().listOfRows();
        }
    }
}
