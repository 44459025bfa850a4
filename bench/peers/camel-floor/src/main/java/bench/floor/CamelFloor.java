package bench.floor;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * The engine floor: the gateway's REST engine and backend client with nothing in between. The request's own
 * headers are dropped and the backend gets the same headers the gateway sends it (service credential, user,
 * convention, profile, request id), so that the simulator does the same work as behind the gateway. With
 * {@code floor.engine=vertx} and {@code camel.rest.component=platform-http}, the same route is served by Vert.x.
 */
@SpringBootApplication
public class CamelFloor {

    public static void main(String[] args) {
        SpringApplication.run(CamelFloor.class, args);
    }

    /** platform-http's Vert.x server, as camel-main's camel.server.* would start it. */
    @Bean
    @ConditionalOnProperty(name = "floor.engine", havingValue = "vertx")
    CamelContextConfiguration vertxServer(@Value("${camel.rest.port}") int port) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext context) {
                VertxPlatformHttpServerConfiguration configuration = new VertxPlatformHttpServerConfiguration();
                configuration.setBindHost("127.0.0.1");
                configuration.setBindPort(port);
                try {
                    context.addService(new VertxPlatformHttpServer(configuration));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void afterApplicationStart(CamelContext context) {
                // nothing to do once started
            }
        };
    }

    @Component
    static class Forward extends RouteBuilder {

        @Value("${floor.backend-url}")
        String backend;

        @Override
        public void configure() {
            rest("/api/v1").get("/dossiers/{numero}/quotient-familial").to("direct:forward");
            from("direct:forward").routeId("forward")
                    .process(exchange -> {
                        var message = exchange.getMessage();
                        String numero = message.getHeader("numero", String.class);
                        message.removeHeaders("*");
                        message.setHeader(Exchange.HTTP_PATH, numero);
                        message.setHeader("Accept", "application/json");
                        message.setHeader("Authorization", "Basic Y2RhcC1nYXRld2F5OnNpbXVsYXRldXI=");
                        message.setHeader("X-Utilisateur", "niort.agent1");
                        message.setHeader("X-Convention", "79-2017-19");
                        message.setHeader("X-Profil", "T2");
                        message.setHeader("X-Request-ID", exchange.getExchangeId());
                    })
                    .to(backend + "/dossiers?throwExceptionOnFailure=false&followRedirects=false")
                    // the backend's answer as it came, without the request's headers echoed back
                    .removeHeaders("*", Exchange.HTTP_RESPONSE_CODE, Exchange.CONTENT_TYPE);
        }
    }
}
