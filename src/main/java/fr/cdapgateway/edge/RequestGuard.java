package fr.cdapgateway.edge;

import java.util.List;

import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

import org.apache.camel.CamelContext;
import org.apache.camel.component.netty.ChannelHandlerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The API port's first handler after the HTTP decoder (the {@code decoders} option of the REST endpoints). A
 * request that cannot reach a route — undecodable, with headers or a body over the limits, an unknown path or a
 * method its path does not accept — is replaced by an internal request to {@code /api/v1/requete-refusee}
 * carrying the reason, so that the gateway's own route answers it: an RFC 9457 problem with X-Request-ID and
 * Cache-Control, traced like any call, instead of the engine's bare 400/404/405/413 or a closed connection.
 * It also gathers the body (within {@code gateway.api.max-body-bytes}) so an oversized one is never read whole.
 */
@Component("requestGuard")
@ChannelHandler.Sharable
public class RequestGuard extends ChannelInboundHandlerAdapter implements ChannelHandlerFactory {

    public static final String REFUSED_PATH = "/api/v1/requete-refusee";
    /** Headers only this guard sets; a client's own are removed from every request. */
    public static final String REASON = "X-Cdap-Gateway-Refus";
    public static final String ALLOW = "X-Cdap-Gateway-Allow";
    public static final String ORIGINAL_URI = "X-Cdap-Gateway-Uri";
    public static final String ORIGINAL_METHOD = "X-Cdap-Gateway-Methode";
    /** What the refusal keeps of the client's headers: its request id, agent, forwarding, and whether to close. */
    private static final List<String> KEPT = List.of("X-Request-ID", "User-Agent", "X-Forwarded-For", "Connection");

    private final CamelContext camel;
    private final int maxBodyBytes;
    private volatile RequestVerdict verdict;

    RequestGuard(CamelContext camel, @Value("${gateway.api.max-body-bytes:65536}") int maxBodyBytes) {
        this.camel = camel;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public ChannelHandler newChannelHandler() {
        return new Guard();
    }

    /** The API's routes, read once from Camel's REST registry when the first request comes. */
    private RequestVerdict verdict() {
        RequestVerdict known = verdict;
        if (known == null) {
            known = new RequestVerdict(camel.getRestRegistry().listAllRestServices().stream()
                    .map(s -> new RequestVerdict.Route(s.getMethod(), s.getBasePath() + "/" + s.getUriTemplate()))
                    .toList());
            verdict = known;
        }
        return known;
    }

    /** One per connection: the request being gathered, and whether the rest of a refused body is skipped. */
    private final class Guard extends ChannelInboundHandlerAdapter {

        private HttpRequest head;
        private CompositeByteBuf body;
        private boolean discarding;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                reset();
                onHead(ctx, request);
            } else if (msg instanceof HttpContent content) {
                onContent(ctx, content);
            } else {
                ctx.fireChannelRead(msg);
            }
        }

        private void onHead(ChannelHandlerContext ctx, HttpRequest request) {
            boolean whole = request instanceof LastHttpContent;
            if (request.decoderResult().isFailure()) {
                Throwable cause = request.decoderResult().cause();
                ReferenceCountUtil.release(request);
                discarding = !whole;
                // the decoder skips the rest of this connection: answer, then close (HTTP/1.0, no keep-alive)
                refuse(ctx, request, cause instanceof TooLongFrameException ? RequestVerdict.Reason.HEADERS_TOO_LARGE
                        : RequestVerdict.Reason.MALFORMED, null, HttpVersion.HTTP_1_0);
                return;
            }
            for (String internal : List.of(REASON, ALLOW, ORIGINAL_URI, ORIGINAL_METHOD)) {
                request.headers().remove(internal);
            }
            RequestVerdict.Refusal refusal = verdict().judge(request.method().name(), request.uri());
            if (!request.headers().contains(HttpHeaderNames.HOST)) {
                if (request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
                    // HTTP/1.0 may omit it; the engine would answer a bare 400 without one
                    request.headers().set(HttpHeaderNames.HOST, "localhost");
                } else if (refusal == null) {
                    // HTTP/1.1 requires it (RFC 9112, 3.2): the gateway's own 400, not the engine's bare one
                    refusal = new RequestVerdict.Refusal(RequestVerdict.Reason.MALFORMED, null);
                }
            }
            boolean expectsContinue = HttpUtil.is100ContinueExpected(request);
            if (refusal == null && HttpUtil.getContentLength(request, 0L) > maxBodyBytes) {
                refusal = new RequestVerdict.Refusal(RequestVerdict.Reason.BODY_TOO_LARGE, null);
            }
            if (refusal != null) {
                ReferenceCountUtil.release(request);
                discarding = !whole;
                // a client waiting for 100-continue will not send the body, and a body too large is not read: answer
                // at once, then close (HTTP/1.0, no keep-alive) rather than read megabytes to keep the connection
                boolean close = expectsContinue || refusal.reason() == RequestVerdict.Reason.BODY_TOO_LARGE;
                refuse(ctx, request, refusal.reason(), refusal.allow(),
                        close ? HttpVersion.HTTP_1_0 : request.protocolVersion());
                return;
            }
            if (request instanceof FullHttpRequest) {
                ctx.fireChannelRead(request);
                return;
            }
            if (expectsContinue) {
                request.headers().remove(HttpHeaderNames.EXPECT);
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
            }
            head = request;
            body = ctx.alloc().compositeBuffer();
        }

        private void onContent(ChannelHandlerContext ctx, HttpContent content) {
            boolean last = content instanceof LastHttpContent;
            if (discarding || head == null) {
                content.release();
                discarding = discarding && !last;
                return;
            }
            body.addComponent(true, content.content().retain());
            content.release();
            if (body.readableBytes() > maxBodyBytes) {
                HttpRequest refused = head;
                reset();
                discarding = !last;
                refuse(ctx, refused, RequestVerdict.Reason.BODY_TOO_LARGE, null, HttpVersion.HTTP_1_0);
                return;
            }
            if (last) {
                FullHttpRequest whole = new DefaultFullHttpRequest(head.protocolVersion(), head.method(), head.uri(),
                        body, head.headers(), ((LastHttpContent) content).trailingHeaders());
                HttpUtil.setTransferEncodingChunked(whole, false);
                HttpUtil.setContentLength(whole, body.readableBytes());
                head = null;
                body = null;
                ctx.fireChannelRead(whole);
            }
        }

        /** Hands the gateway's refusal route a request that says why the client's could not be served. */
        private void refuse(ChannelHandlerContext ctx, HttpRequest original, RequestVerdict.Reason reason, String allow,
                            HttpVersion version) {
            FullHttpRequest refusal = new DefaultFullHttpRequest(version, HttpMethod.GET, REFUSED_PATH,
                    Unpooled.EMPTY_BUFFER);
            HttpHeaders headers = refusal.headers();
            for (String kept : KEPT) {
                String value = original.headers().get(kept);
                if (value != null) {
                    headers.set(kept, printable(value, 256));
                }
            }
            headers.set(HttpHeaderNames.HOST, "localhost");
            headers.set(REASON, reason.name());
            if (allow != null) {
                headers.set(ALLOW, allow);
            }
            headers.set(ORIGINAL_URI, printable(original.uri(), 300));
            headers.set(ORIGINAL_METHOD, printable(original.method().name(), 20));
            HttpUtil.setContentLength(refusal, 0);
            ctx.fireChannelRead(refusal);
        }

        private void reset() {
            if (body != null) {
                body.release();
            }
            body = null;
            head = null;
            discarding = false;
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            reset();
            super.channelInactive(ctx);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            reset();
        }
    }

    /** Printable ASCII only, bounded: what a header may carry to the route and the trace. */
    static String printable(String value, int max) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            out.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return out.toString();
    }
}
