package fr.cdapgateway.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.AttributeKey;

import org.apache.camel.component.netty.http.HttpServerConsumerChannelFactory;
import org.apache.camel.component.netty.http.InboundStreamHttpRequest;
import org.apache.camel.component.netty.http.NettyHttpComponent;
import org.apache.camel.component.netty.http.NettyHttpConsumer;
import org.apache.camel.component.netty.http.handlers.HttpServerChannelHandler;
import org.apache.camel.component.netty.http.handlers.HttpServerMultiplexChannelHandler;
import org.springframework.stereotype.Component;

/**
 * camel-netty-http with a faster route lookup: each port's multiplexer first asks a {@link RestPathIndex} of its
 * REST paths, and leaves the request to Camel's own matcher whenever the index has no single answer. Registered
 * as the component {@code netty-http}; the {@code camel.component.netty-http.*} settings apply to it as to the
 * stock component.
 */
@Component("netty-http")
public class IndexedNettyHttpComponent extends NettyHttpComponent {

    private final Map<Integer, IndexedMultiplexer> multiplexers = new ConcurrentHashMap<>();

    @Override
    public HttpServerConsumerChannelFactory getMultiplexChannelHandler(int port) {
        return multiplexers.computeIfAbsent(port, p -> {
            IndexedMultiplexer multiplexer = new IndexedMultiplexer();
            multiplexer.init(p);
            return multiplexer;
        });
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        multiplexers.clear();
    }

    /** Camel's multiplexer, asked only when the index cannot name the one route of a request. */
    static final class IndexedMultiplexer extends HttpServerMultiplexChannelHandler {

        /** The attribute Camel's multiplexer keeps the chosen handler in (read back on exceptions). */
        private static final AttributeKey<HttpServerChannelHandler> SERVER_HANDLER_KEY =
                AttributeKey.valueOf("serverHandler");

        private record Route(NettyHttpConsumer consumer, RestPathIndex.Path path, String methods,
                             HttpServerChannelHandler handler) {
        }

        /** The routes and their paths, replaced as a whole when a consumer comes or goes. */
        private record Snapshot(List<Route> routes, List<RestPathIndex.Path> paths, int unindexable) {
        }

        private final List<Route> routes = new ArrayList<>();
        /** Consumers the index cannot represent (wildcard, prefix, proxy): any of them turns it off for the port. */
        private int unindexable;
        private volatile Snapshot snapshot = new Snapshot(List.of(), List.of(), 0);

        @Override
        public synchronized void addConsumer(NettyHttpConsumer consumer) {
            super.addConsumer(consumer);
            String path = consumer.getConfiguration().getPath();
            if (RestPathIndex.indexable(path) && !consumer.getConfiguration().isHttpProxy()
                    && !consumer.getEndpoint().getConfiguration().isMatchOnUriPrefix()) {
                String restrict = consumer.getEndpoint().getHttpMethodRestrict();
                routes.add(new Route(consumer, RestPathIndex.Path.of(path), restrict == null ? null
                        : restrict.toUpperCase(Locale.ROOT), new HttpServerChannelHandler(consumer)));
            } else {
                unindexable++;
            }
            reindex();
        }

        @Override
        public synchronized void removeConsumer(NettyHttpConsumer consumer) {
            super.removeConsumer(consumer);
            if (!routes.removeIf(route -> route.consumer() == consumer)) {
                unindexable = Math.max(0, unindexable - 1);
            }
            reindex();
        }

        private void reindex() {
            snapshot = new Snapshot(List.copyOf(routes), routes.stream().map(Route::path).toList(), unindexable);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) throws Exception {
            HttpServerChannelHandler handler = indexed(msg instanceof HttpRequest request ? request
                    : ((InboundStreamHttpRequest) msg).getHttpRequest());
            if (handler == null) {
                super.channelRead0(ctx, msg);
                return;
            }
            // what Camel's multiplexer does once it has found the handler
            ctx.channel().attr(SERVER_HANDLER_KEY).set(handler);
            if (msg instanceof HttpContent content) {
                content.content().retain();
            }
            handler.channelRead(ctx, msg);
        }

        private HttpServerChannelHandler indexed(HttpRequest request) {
            Snapshot current = snapshot;
            if (current.unindexable() > 0 || HttpMethod.OPTIONS.equals(request.method())) {
                return null;
            }
            int match = RestPathIndex.onlyMatch(current.paths(), request.uri());
            if (match < 0) {
                return null;
            }
            Route route = current.routes().get(match);
            String method = request.method().name();
            return route.methods() == null || route.methods().contains(method) ? route.handler() : null;
        }
    }
}
