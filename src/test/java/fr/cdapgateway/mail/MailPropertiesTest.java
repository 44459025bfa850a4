package fr.cdapgateway.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class MailPropertiesTest {

    private static final MailProperties MAIL = new MailProperties("CDAP <ne-pas-repondre@cdap.example>",
            "https://console.example/", false, 3025, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofHours(1),
            Duration.ofDays(3), 100);

    @Test
    void theFirstRetryComesWithinAMinuteThenEachWaitDoublesUpToTheMaximum() {
        assertThat(MAIL.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(MAIL.backoff(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(MAIL.backoff(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(MAIL.backoff(8)).isEqualTo(Duration.ofHours(1));
        assertThat(MAIL.backoff(80)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void linksStartWithThePublicAddressOfTheConsoleAndNeverDoubleTheSlash() {
        assertThat(MAIL.link("/activation/abc")).isEqualTo("https://console.example/activation/abc");
    }
}
