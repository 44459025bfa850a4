package fr.cdapgateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A command-line tool the checks of the deployment files run (kubectl, docker-compose, promtool): present, or the
 * test is skipped on a workstation -- and fails when {@code DEPLOYMENT_TOOLS_REQUIRED=true}, as in CI (.ci/run
 * installs them).
 */
public final class Tool {

    public record Result(int exitCode, String output) {
    }

    private Tool() {
    }

    public static void require(String name) {
        boolean present = onPath(name);
        if (!present && "true".equals(System.getenv("DEPLOYMENT_TOOLS_REQUIRED"))) {
            throw new AssertionError(name + " is required (DEPLOYMENT_TOOLS_REQUIRED=true) but is not on the PATH");
        }
        Assumptions.assumeTrue(present, name + " is not installed: check skipped (install it, see .ci/run)");
    }

    /** Runs the command in {@code directory}, stdout and stderr together, at most a minute. */
    public static Result run(Path directory, Map<String, String> environment, String... command) {
        require(command[0]);
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(directory.toFile())
                    .redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, name))) {
                return true;
            }
        }
        return false;
    }
}
