package fr.cdapgateway.mail;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Mail (SPEC §14.1), {@code gateway.mail.*}: the sender, the delivery job's pace and its backoff, and the embedded
 * SMTP server of the demo. The relay itself is Spring Boot's {@code spring.mail.*} (MAIL_HOST, MAIL_PORT...).
 *
 * @param from          the sender of every mail
 * @param publicUrl     where the console is reached by people: every link of a mail starts with it
 * @param demoServer    derived (GatewayModes): the demo runs an embedded GreenMail because no relay is named
 * @param demoPort      the embedded server's SMTP port on 127.0.0.1
 * @param sendInterval  how often the delivery job looks for mails to send (once per cluster)
 * @param firstRetry    the wait after a first failed delivery; each next wait doubles, up to {@code maxRetry}
 * @param giveUpAfter   a mail tried and still not delivered this long after it was written is marked ECHEC
 * @param batch         most mails one run of the job sends
 */
@Validated
@ConfigurationProperties("gateway.mail")
public record MailProperties(
        @NotBlank String from,
        @NotBlank String publicUrl,
        boolean demoServer,
        @Min(1) @Max(65535) int demoPort,
        @NotNull Duration sendInterval,
        @NotNull Duration firstRetry,
        @NotNull Duration maxRetry,
        @NotNull Duration giveUpAfter,
        @Min(1) int batch) {

    /** A link of the console for the holder of a mail: public URL + path, never a host taken from a request. */
    public String link(String path) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return base + path;
    }

    /** The wait before the next try after {@code attempts} failed deliveries: 1st retry within a minute. */
    Duration backoff(int attempts) {
        Duration wait = firstRetry;
        for (int i = 1; i < attempts && wait.compareTo(maxRetry) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
    }
}
