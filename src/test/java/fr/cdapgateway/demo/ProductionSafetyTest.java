package fr.cdapgateway.demo;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The prod profile's refusals that need no database: clear-text credentials, the simulator's CDAP password. */
class ProductionSafetyTest {

    private static final String PG = "jdbc:postgresql://db/cdap";
    private static final String KEY = "c2VjcmV0LWtleS1vZi10aGlydHktdHdvLWJ5dGVzLWF0LWxlYXN0IQ==";

    @Test
    void prodRefusesToStartWithoutTlsOrADeclaredTerminatingProxy() {
        assertThatThrownBy(() -> new ProductionSafety(null, PG, KEY, false, false, "s3cret", "smtp.example", false).afterPropertiesSet())
                .hasMessageContaining("GATEWAY_TLS_CERTIFICATE").hasMessageContaining("GATEWAY_TLS_TERMINATING_PROXY");
    }

    @Test
    void prodRefusesToStartWithoutAMailRelay() {
        assertThatThrownBy(() -> new ProductionSafety(null, PG, KEY, true, false, "s3cret", "", false)
                .afterPropertiesSet()).hasMessageContaining("MAIL_HOST");
    }

    @Test
    void prodRefusesManagerChosenPasswords() {
        assertThatThrownBy(() -> new ProductionSafety(null, PG, KEY, true, false, "s3cret", "smtp.example", true)
                .afterPropertiesSet()).hasMessageContaining("manager-passwords");
    }

    @Test
    void prodRefusesTheSimulatorsServicePassword() {
        assertThatThrownBy(() -> new ProductionSafety(null, PG, KEY, true, false, "simulateur", "smtp.example", false).afterPropertiesSet())
                .hasMessageContaining("CDAP_SERVICE_PASSWORD");
        assertThatThrownBy(() -> new ProductionSafety(null, PG, KEY, false, true, "simulateur", "smtp.example", false).afterPropertiesSet())
                .hasMessageContaining("CDAP_SERVICE_PASSWORD");
    }
}
