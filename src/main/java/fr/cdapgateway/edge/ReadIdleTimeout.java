package fr.cdapgateway.edge;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;

import org.apache.camel.component.netty.ChannelHandlerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The API port's read deadline: a connection that delivers no complete request part (request line and headers,
 * or a piece of body) within {@code gateway.api.read-idle-timeout} is closed quietly. It bounds both a client that
 * drips its headers a byte at a time and a keep-alive connection left idle, so neither can hold a worker or a
 * socket for ever.
 */
@Component("apiReadIdleTimeout")
@ChannelHandler.Sharable
public class ReadIdleTimeout extends ChannelHandlerAdapter implements ChannelHandlerFactory {

    private final long millis;

    ReadIdleTimeout(@Value("${gateway.api.read-idle-timeout:30s}") Duration timeout) {
        this.millis = timeout.toMillis();
    }

    @Override
    public ChannelHandler newChannelHandler() {
        return new IdleStateHandler(millis, 0, 0, TimeUnit.MILLISECONDS) {
            /** Closes the connection, without the stack trace a ReadTimeoutException would log. */
            @Override
            protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
                ctx.close();
            }
        };
    }
}
