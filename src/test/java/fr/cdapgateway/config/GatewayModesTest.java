package fr.cdapgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class GatewayModesTest {

    private static StandardEnvironment derived(Map<String, Object> given) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("given", given));
        new GatewayModes().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void withTheTwoPemFilesTheApiAndTheConsoleServeHttpsAndTheCookieIsSecure() {
        StandardEnvironment environment = derived(Map.of("gateway.api.tls.certificate", "/tls/chain.pem",
                "gateway.api.tls.private-key", "/tls/key.pem"));
        assertThat(environment.getProperty("gateway.api.tls.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("server.ssl.enabled")).isEqualTo("true");
        assertThat(environment.getProperty("server.ssl.certificate")).isEqualTo("file:/tls/chain.pem");
        assertThat(environment.getProperty("server.ssl.certificate-private-key")).isEqualTo("file:/tls/key.pem");
        assertThat(environment.getProperty("server.servlet.session.cookie.secure")).isEqualTo("true");
    }

    @Test
    void behindATlsTerminatingProxyOnlyTheCookieIsSecure() {
        StandardEnvironment environment = derived(Map.of("gateway.api.tls.terminating-proxy", "true"));
        assertThat(environment.getProperty("gateway.api.tls.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("server.ssl.enabled")).isNull();
        assertThat(environment.getProperty("server.servlet.session.cookie.secure")).isEqualTo("true");
    }

    @Test
    void inClearTextTheDemoCookieIsNotSecure() {
        StandardEnvironment environment = derived(Map.of());
        assertThat(environment.getProperty("server.servlet.session.cookie.secure")).isEqualTo("false");
    }

    @Test
    void theDemoReceivesItsMailsOnAnEmbeddedServerWhenNoRelayIsNamed() {
        StandardEnvironment environment = derived(Map.of("gateway.mail.demo-port", "3025"));
        assertThat(environment.getProperty("gateway.mail.demo-server")).isEqualTo("true");
        assertThat(environment.getProperty("spring.mail.host")).isEqualTo("127.0.0.1");
        assertThat(environment.getProperty("spring.mail.port")).isEqualTo("3025");
    }

    @Test
    void aNamedRelayIsUsedAndTheEmbeddedServerNeverStarts() {
        StandardEnvironment environment = derived(Map.of("MAIL_HOST", "smtp.example", "spring.mail.username", "gw"));
        assertThat(environment.getProperty("gateway.mail.demo-server")).isEqualTo("false");
        assertThat(environment.getProperty("spring.mail.host")).isEqualTo("smtp.example");
        assertThat(environment.getProperty("spring.mail.properties.mail.smtp.auth")).isEqualTo("true");
    }

    @Test
    void outsideTheDemoWithoutARelayThereIsNoMailSenderAtAll() {
        StandardEnvironment environment = derived(Map.of("gateway.demo", "false"));
        assertThat(environment.getProperty("gateway.mail.demo-server")).isEqualTo("false");
        assertThat(environment.getProperty("spring.mail.host")).isNull();
        assertThat(derived(Map.of("spring.profiles.active", "prod")).getProperty("gateway.mail.demo-server"))
                .isEqualTo("false");
    }
}
