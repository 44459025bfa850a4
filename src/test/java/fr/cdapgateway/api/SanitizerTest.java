package fr.cdapgateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a client sends never forges a log line or a trace field. */
class SanitizerTest {

    @Test
    void controlCharactersAreNeutralisedAndLengthIsBounded() {
        assertThat(Sanitizer.clean("curl/8\r\n2026-11-22 INFO forged line\u0007\u2028x", 200))
                .isEqualTo("curl/8__2026-11-22 INFO forged line__x");
        assertThat(Sanitizer.clean("a".repeat(300), 256)).hasSize(256);
        assertThat(Sanitizer.clean(null, 10)).isNull();
    }
}
