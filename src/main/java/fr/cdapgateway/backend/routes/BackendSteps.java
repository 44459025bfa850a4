package fr.cdapgateway.backend.routes;

import java.io.InputStream;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fr.cdapgateway.backend.CdapBackend;
import fr.cdapgateway.edge.GatewayRequests;

/** The backend call's Camel steps around camel-http (routes/backend.camel.yaml); the rule is {@link CdapBackend}. */
@Configuration(proxyBeanMethods = false)
class BackendSteps {

    /**
     * Reads: the request's account, grant and dossier number. Sets: the message camel-http sends — the path and
     * the only headers the backend gets, no body — and starts the call's deadline.
     */
    @Bean
    Processor prepareBackendCall(CdapBackend backend) {
        return exchange -> {
            CdapBackend.Call call = backend.prepare(GatewayRequests.of(exchange));
            Message message = exchange.getMessage();
            message.removeHeaders("*");
            message.setBody(null);
            // no CamelHttpMethod header: without a body camel-http sends a GET, and a String method would cost a
            // type-converter lookup (String to HttpMethods) on every call
            message.setHeader(Exchange.HTTP_PATH, call.path());
            call.headers().forEach(message::setHeader);
            // the raw stream, not a gunzipped one: what is read from the backend is bounded as it arrives
            exchange.setProperty(Exchange.SKIP_GZIP_ENCODING, Boolean.TRUE);
        };
    }

    /** Reads: camel-http's answer. Sets: the body, the dossier reduced to the profile's leaves; no header. */
    @Bean
    Processor readBackendAnswer(CdapBackend backend) {
        return exchange -> {
            Message message = exchange.getMessage();
            Object dossier = backend.read(GatewayRequests.of(exchange),
                    message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class),
                    message.getHeader(Exchange.CONTENT_TYPE, String.class), message.getBody(InputStream.class));
            message.removeHeaders("*");
            message.setBody(dossier);
        };
    }
}
