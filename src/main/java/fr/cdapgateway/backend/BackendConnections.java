package fr.cdapgateway.backend;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.io.DetachedSocketFactory;
import org.apache.hc.client5.http.io.HttpClientConnectionOperator;
import org.apache.hc.client5.http.io.HttpClientConnectionManager;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The connections to the CDAP backend (camel-http's {@code client-connection-manager}), with one deadline for the
 * whole answer — status line and headers included. The HTTP client's timeouts are per read: a backend that sends
 * its headers one line a second never trips them, and would hold the call until the client gives up. Every read on a
 * backend socket is bounded by what is left of the call's deadline ({@link #deadline(long)}, set by
 * {@link CdapBackend#prepare}), and past it fails as a timeout: 504 {@code backend-timeout}.
 */
@Configuration(proxyBeanMethods = false)
class BackendConnections {

    /** The deadline of the backend call this thread is making ({@link System#nanoTime()}), or 0 for none. */
    private static final ThreadLocal<long[]> DEADLINE = ThreadLocal.withInitial(() -> new long[1]);

    /** Set by the call's preparation: the HTTP client reads on this same thread (no circuit-breaker timeout pool). */
    static void deadline(long nanos) {
        DEADLINE.get()[0] = nanos;
    }

    @Bean
    HttpClientConnectionManager cdapConnectionManager(CdapProperties properties) {
        // every socket to the backend is a DeadlineSocket; TLS (an https backend) is layered over it, so its reads
        // are bounded too
        DetachedSocketFactory sockets = proxy -> proxy == null || proxy.type() == Proxy.Type.DIRECT
                ? new DeadlineSocket() : new DeadlineSocket(proxy);
        HttpClientConnectionOperator operator = new DefaultHttpClientConnectionOperator(sockets, null, null,
                RegistryBuilder.<TlsSocketStrategy>create()
                        .register("https", DefaultClientTlsStrategy.createSystemDefault()).build());
        PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager(operator,
                PoolConcurrencyPolicy.STRICT, PoolReusePolicy.LIFO, TimeValue.NEG_ONE_MILLISECOND, null);
        connections.setMaxTotal(properties.maxConnections());
        connections.setDefaultMaxPerRoute(properties.maxConnections());
        Timeout response = Timeout.ofMilliseconds(properties.responseTimeoutMs());
        connections.setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(response).build());
        connections.setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(Timeout.ofMilliseconds(properties.connectTimeoutMs()))
                .setSocketTimeout(response).build());
        return connections;
    }

    /** A socket whose every read ends at the current call's deadline. */
    static final class DeadlineSocket extends Socket {

        private InputStream bounded;

        DeadlineSocket() {
        }

        DeadlineSocket(Proxy proxy) {
            super(proxy);
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (bounded == null) {
                bounded = new Bounded(super.getInputStream());
            }
            return bounded;
        }

        private final class Bounded extends FilterInputStream {

            Bounded(InputStream in) {
                super(in);
            }

            @Override
            public int read() throws IOException {
                bound();
                return super.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                bound();
                return super.read(buffer, offset, length);
            }

            /** What is left of the deadline bounds this read: past it, a timeout without reading. */
            private void bound() throws IOException {
                long deadline = DEADLINE.get()[0];
                if (deadline == 0) {
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SocketTimeoutException("backend answer not complete before its deadline");
                }
                int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left) + 1));
                int configured = getSoTimeout();
                if (configured == 0 || millis < configured) {
                    setSoTimeout(millis);
                }
            }
        }
    }
}
