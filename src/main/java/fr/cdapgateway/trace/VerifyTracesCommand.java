package fr.cdapgateway.trace;

import java.io.PrintStream;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import fr.cdapgateway.config.CommandContext;

/**
 * {@code java -jar cdap-gateway.jar verify-traces}: verifies the trace chain of the configured database and
 * prints {@code {"valide":...,"traces":N,"premiereAnomalie":...}}; exits 0 when valid, 1 when not.
 */
public final class VerifyTracesCommand {

    public static final String NAME = "verify-traces";

    private VerifyTracesCommand() {
    }

    public static int run(CommandContext contexts, Map<String, Object> properties, PrintStream out) {
        try (ConfigurableApplicationContext context = contexts.start(properties)) {
            TraceVerifier.Result result = context.getBean(TraceVerifier.class).verify();
            out.println(context.getBean(JsonMapper.class).writeValueAsString(result));
            return result.valide() ? 0 : 1;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
