package fr.cdapgateway.admin;




import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import fr.cdapgateway.auth.PasswordHasher;
import fr.cdapgateway.support.Api;
import fr.cdapgateway.support.TestAccounts;

/**
 * Delegated management under CAF supervision (SPEC §8), over real HTTP against the running gateway: the
 * scenarios of each resource in their own interface ({@link AccessScenarios}, {@link AccountScenarios},
 * {@link QuotaScenarios}, {@link ConventionScenarios}, {@link HistoryScenarios}, {@link ReviewScenarios}),
 * one application context per storage.
 * Run on H2 ({@link AdminH2IT}) and on a real PostgreSQL ({@link AdminPostgresIT}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
// these scenarios create accounts the old way (a manager-chosen initial password, for sites without mail); the
// default — an activation link mailed to the holder — is walked by MailScenarios and the mail's browser walk
@org.springframework.test.context.TestPropertySource(properties = "gateway.accounts.manager-passwords=true")
abstract class AdminScenarios implements AccessScenarios, AccountScenarios, QuotaScenarios, ConventionScenarios,
        HistoryScenarios, ReviewScenarios {

    @Value("${gateway.api.port}")
    int apiPort;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordHasher hasher;
    @Autowired
    HistoryPurge purge;

    private Api api;
    private TestAccounts fixtures;

    @BeforeEach
    void connect() {
        api = new Api(apiPort);
        fixtures = new TestAccounts(jdbc, hasher);
    }

    @Override
    public Api api() {
        return api;
    }

    @Override
    public JdbcClient jdbc() {
        return jdbc;
    }

    @Override
    public TestAccounts fixtures() {
        return fixtures;
    }

    @Override
    public HistoryPurge purge() {
        return purge;
    }

    @Override
    public PasswordHasher hasher() {
        return hasher;
    }
}
