package fr.cdapgateway.demo;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * With the prod profile, refuses to start on the embedded H2 database or while demo accounts (with their
 * public password) exist.
 */
@Component
@Profile("prod")
class ProductionSafety implements InitializingBean {

    private final JdbcClient jdbc;
    private final String url;

    ProductionSafety(JdbcClient jdbc, @Value("${spring.datasource.url}") String url) {
        this.jdbc = jdbc;
        this.url = url;
    }

    @Override
    public void afterPropertiesSet() {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException("prod profile: set DB_URL (with DB_USER and DB_PASSWORD) to the "
                    + "PostgreSQL database; the embedded H2 database is for the demo only.");
        }
        int demoAccounts = jdbc.sql("select count(*) from utilisateur where cree_par = 'demo'")
                .query(Integer.class).single();
        if (demoAccounts > 0) {
            throw new IllegalStateException("prod profile: " + demoAccounts + " demo accounts exist in this database "
                    + "(their password is public). Use a fresh database for production.");
        }
    }
}
