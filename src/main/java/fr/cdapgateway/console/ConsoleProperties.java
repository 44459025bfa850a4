package fr.cdapgateway.console;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code gateway.console}: the web console's port (Tomcat, {@code server.port} follows it), how long a session may
 * stay idle (Spring Session) and how long it may last at all, and the lines per page of long lists.
 */
@ConfigurationProperties("gateway.console")
record ConsoleProperties(int port, Duration idleTimeout, Duration absoluteTimeout, int pageSize) {

    ConsoleProperties {
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(15) : idleTimeout;
        absoluteTimeout = absoluteTimeout == null ? Duration.ofHours(8) : absoluteTimeout;
        pageSize = pageSize <= 0 ? 25 : pageSize;
    }
}
