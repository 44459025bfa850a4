package fr.cdapgateway.backend.routes;

import java.io.InputStream;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.service.ServiceHelper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fr.cdapgateway.backend.BackendCircuit;
import fr.cdapgateway.backend.CdapBackend;
import fr.cdapgateway.edge.GatewayRequests;

/**
 * The backend call's Camel steps (routes/backend.camel.yaml); the rules are {@link CdapBackend} (what is sent, what
 * is accepted) and {@link BackendCircuit} (whether a call may leave at all).
 */
@Configuration(proxyBeanMethods = false)
class BackendSteps {

    /**
     * The camel-http endpoint of the backend: the status is judged by {@link CdapBackend#read}, never thrown; no
     * redirect followed; the raw stream, never cached whole (its size and its deadline are bounded as it is read).
     */
    static final String ENDPOINT = "%s/dossiers?throwExceptionOnFailure=false&followRedirects=false"
            + "&disableStreamCache=true";

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

    /**
     * The call itself, inside the circuit breaker and the bulkhead: a permit is taken first (503 at once when the
     * circuit is open or the bulkhead full), camel-http sends the prepared message, the answer is read and reduced
     * to the profile's leaves, and the permit is given back with the outcome, whatever happens. Sets: the body, the
     * dossier reduced to the profile's leaves; no header.
     */
    @Bean
    Processor callCdapBackend(CdapBackend backend, BackendCircuit.Admission admission,
                              @Value("${gateway.cdap.base-url}") String baseUrl) {
        return new CallCdapBackend(backend, admission, ENDPOINT.formatted(baseUrl));
    }

    /** {@link #callCdapBackend}: camel-http's producer for the backend endpoint, made once, on the first call. */
    static final class CallCdapBackend implements Processor {

        private final CdapBackend backend;
        private final BackendCircuit.Admission admission;
        private final String uri;
        private volatile Producer http;

        CallCdapBackend(CdapBackend backend, BackendCircuit.Admission admission, String uri) {
            this.backend = backend;
            this.admission = admission;
            this.uri = uri;
        }

        @Override
        public void process(Exchange exchange) throws Exception {
            Producer producer = producer(exchange.getContext());
            BackendCircuit.Permit permit = admission.enter();
            try {
                producer.process(exchange);
                if (exchange.getException() != null) {
                    throw exchange.getException();
                }
                Message message = exchange.getMessage();
                Object dossier = backend.read(GatewayRequests.of(exchange),
                        message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class),
                        message.getHeader(Exchange.CONTENT_TYPE, String.class), message.getBody(InputStream.class));
                message.removeHeaders("*");
                message.setBody(dossier);
                permit.succeeded();
            } catch (Exception | Error failure) {
                permit.failed(failure);
                throw failure;
            }
        }

        private Producer producer(CamelContext camel) throws Exception {
            Producer producer = http;
            if (producer == null) {
                synchronized (this) {
                    producer = http;
                    if (producer == null) {
                        producer = camel.getEndpoint(uri).createProducer();
                        ServiceHelper.startService(producer);
                        http = producer;
                    }
                }
            }
            return producer;
        }
    }
}
