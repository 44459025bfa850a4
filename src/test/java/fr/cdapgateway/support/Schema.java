package fr.cdapgateway.support;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/** The application's schema on a database a test made itself: the same locations as config/application.yml. */
public final class Schema {

    private Schema() {
    }

    /** {@code vendor}: "h2" or "postgresql", as Spring Boot names them in {@code db/vendor/{vendor}}. */
    public static void migrate(DataSource data, String vendor) {
        Flyway.configure().dataSource(data).locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
                .load().migrate();
    }
}
