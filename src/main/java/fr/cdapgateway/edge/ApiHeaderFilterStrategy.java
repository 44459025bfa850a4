package fr.cdapgateway.edge;

import org.apache.camel.component.netty.http.NettyHttpHeaderFilterStrategy;
import org.springframework.stereotype.Component;

/**
 * The netty-http header filter, except that Cache-Control may leave: every API answer carries
 * {@code Cache-Control: no-store} (SPEC §4) so no proxy or browser keeps a family's data. Incoming headers
 * starting with "Camel" are still dropped, so a client cannot steer the routes.
 */
@Component("apiHeaderFilterStrategy")
public class ApiHeaderFilterStrategy extends NettyHttpHeaderFilterStrategy {

    public ApiHeaderFilterStrategy() {
        getOutFilter().remove("cache-control");
    }
}
