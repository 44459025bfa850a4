package fr.cdapgateway.edge;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Set;

import org.apache.camel.Message;

import fr.cdapgateway.api.Sanitizer;
import fr.cdapgateway.config.GatewayProperties;

/**
 * The client's address: the socket peer, or the last address of {@code X-Forwarded-For} appended by a
 * trusted proxy when (and only when) the socket peer is one of the configured trusted proxies.
 */
public final class ClientAddresses {

    private final Set<String> trustedProxies;

    public ClientAddresses(GatewayProperties properties) {
        this.trustedProxies = Set.copyOf(properties.api().trustedProxies());
    }

    String of(Message message) {
        return of(peer(message.getHeader("CamelNettyRemoteAddress", SocketAddress.class)),
                message.getHeader("X-Forwarded-For", String.class));
    }

    /** The client's address from the socket peer's and the {@code X-Forwarded-For} header (web console too). */
    public String of(String peer, String forwarded) {
        if (peer == null || !trustedProxies.contains(peer)) {
            return peer;
        }
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        // the right-most entry is the one our trusted proxy added; the left ones are the client's word
        String[] hops = forwarded.split(",");
        String last = hops[hops.length - 1].trim();
        return last.matches("[0-9A-Fa-f.:]{2,45}") ? last : peer;
    }

    private static String peer(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return address == null ? null : Sanitizer.clean(address.toString(), 64);
    }
}
