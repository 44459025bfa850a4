package fr.cdapgateway.simulator;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.springframework.context.ConfigurableApplicationContext;

import fr.cdapgateway.config.CommandContext;

/**
 * {@code java -jar cdap-gateway.jar simulator [--gateway.simulator.port=8091]}: the CDAP simulator alone, in its
 * own JVM — what the benchmark calls directly and puts nginx and the gateway in front of. Runs until killed.
 */
public final class SimulatorCommand {

    public static final String NAME = "simulator";

    private SimulatorCommand() {
    }

    public static void run(CommandContext contexts, Map<String, Object> properties) throws Exception {
        ConfigurableApplicationContext context = contexts.start(properties);
        context.getBean(CamelContext.class).getRouteController().startRoute("cdap-simulator");
        System.out.println("CDAP simulator listening on 127.0.0.1:"
                + context.getEnvironment().getProperty("gateway.simulator.port"));
        Thread.currentThread().join();
    }
}
