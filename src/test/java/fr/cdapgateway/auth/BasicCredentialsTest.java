package fr.cdapgateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BasicCredentialsTest {

    private static String basic(String raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsLoginAndPasswordWhichMayContainAColon() {
        assertThat(BasicCredentials.parse(basic("niort.agent1:pa:ss")))
                .contains(new BasicCredentials("niort.agent1", "pa:ss"));
        assertThat(BasicCredentials.parse("basic " + basic("a:b").substring(6)))
                .contains(new BasicCredentials("a", "b"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Bearer abc", "Basic", "Basic !!!", "Digest x"})
    void refusesWhatIsNotBasic(String header) {
        assertThat(BasicCredentials.parse(header)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nocolon", ":password", "login:", "with space:pw", "tab\tlogin:pw", "new\nline:pw",
            "del\u007flogin:pw", "nul\u0000login:pw", "trailing :pw"})
    void refusesMalformedCredentials(String raw) {
        assertThat(BasicCredentials.parse(basic(raw))).isEmpty();
    }

    @Test
    void refusesOversizedValues() {
        assertThat(BasicCredentials.parse(basic("a".repeat(101) + ":pw"))).isEmpty();
        assertThat(BasicCredentials.parse(basic("login:" + "p".repeat(1025)))).isEmpty();
    }

    @Test
    void neverPrintsThePassword() {
        assertThat(new BasicCredentials("login", "s3cret-value").toString()).doesNotContain("s3cret");
    }
}
