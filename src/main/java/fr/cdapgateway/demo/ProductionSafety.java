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

    /** The demo trace key of config/application.yml: public, so it proves nothing in production. */
    static final String DEMO_TRACE_KEY = "ZGVtby1vbmx5LWNkYXAtZ2F0ZXdheS10cmFjZS1rZXktLWNoYW5nZS1tZQ==";

    /** The simulator's service password of config/application.yml: public, never the real CDAP's. */
    static final String DEMO_CDAP_PASSWORD = "simulateur";

    private final JdbcClient jdbc;
    private final String url;
    private final String traceKey;
    private final boolean tls;
    private final boolean terminatingProxy;
    private final String cdapPassword;
    private final String mailHost;
    private final boolean managerPasswords;

    ProductionSafety(JdbcClient jdbc, @Value("${spring.datasource.url}") String url,
                     @Value("${gateway.trace.hmac-key}") String traceKey,
                     @Value("${gateway.api.tls.enabled:false}") boolean tls,
                     @Value("${gateway.api.tls.terminating-proxy:false}") boolean terminatingProxy,
                     @Value("${gateway.cdap.service-password}") String cdapPassword,
                     @Value("${spring.mail.host:}") String mailHost,
                     @Value("${gateway.accounts.manager-passwords:false}") boolean managerPasswords) {
        this.mailHost = mailHost;
        this.managerPasswords = managerPasswords;
        this.jdbc = jdbc;
        this.url = url;
        this.traceKey = traceKey;
        this.tls = tls;
        this.terminatingProxy = terminatingProxy;
        this.cdapPassword = cdapPassword;
    }

    @Override
    public void afterPropertiesSet() {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException("prod profile: set DB_URL (with DB_USER and DB_PASSWORD) to the "
                    + "PostgreSQL database; the embedded H2 database is for the demo only.");
        }
        if (DEMO_TRACE_KEY.equals(traceKey)) {
            throw new IllegalStateException("prod profile: set GATEWAY_TRACE_KEY to a secret base64 key of 32 bytes "
                    + "or more (e.g. openssl rand -base64 32); the demo key is public.");
        }
        if (!tls && !terminatingProxy) {
            throw new IllegalStateException("prod profile: every API call carries a password, so the API must be "
                    + "reached over TLS. Set GATEWAY_TLS_CERTIFICATE and GATEWAY_TLS_PRIVATE_KEY (PEM files) to serve "
                    + "HTTPS, or GATEWAY_TLS_TERMINATING_PROXY=true when a TLS-terminating proxy is in front "
                    + "(docs/operations.md).");
        }
        if (DEMO_CDAP_PASSWORD.equals(cdapPassword)) {
            throw new IllegalStateException("prod profile: set CDAP_SERVICE_PASSWORD to the gateway's own credential "
                    + "towards CDAP; the default is the simulator's, and public.");
        }
        if (mailHost == null || mailHost.isBlank()) {
            throw new IllegalStateException("prod profile: set MAIL_HOST (with MAIL_PORT, MAIL_USERNAME, MAIL_PASSWORD) to "
                    + "the SMTP relay: credentials reach their holders by mail, and partners are told of maintenance "
                    + "and security alerts by mail (docs/operations.md).");
        }
        if (managerPasswords) {
            throw new IllegalStateException("prod profile: gateway.accounts.manager-passwords must stay false: a manager "
                    + "never chooses, sees or receives a password (convention art. 9.1).");
        }
        int demoAccounts = jdbc.sql("select count(*) from utilisateur where cree_par = 'demo'")
                .query(Integer.class).single();
        if (demoAccounts > 0) {
            throw new IllegalStateException("prod profile: " + demoAccounts + " demo accounts exist in this database "
                    + "(their password is public). Use a fresh database for production.");
        }
    }
}
