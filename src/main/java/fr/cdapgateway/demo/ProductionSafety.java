package fr.cdapgateway.demo;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** With the prod profile, refuses to start while demo accounts (with their public password) exist. */
@Component
@Profile("prod")
class ProductionSafety implements InitializingBean {

    private final JdbcClient jdbc;

    ProductionSafety(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void afterPropertiesSet() {
        int demoAccounts = jdbc.sql("select count(*) from utilisateur where cree_par = 'demo'")
                .query(Integer.class).single();
        if (demoAccounts > 0) {
            throw new IllegalStateException("prod profile: " + demoAccounts + " demo accounts exist in this database "
                    + "(their password is public). Use a fresh database for production.");
        }
    }
}
