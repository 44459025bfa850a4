package fr.cdapgateway.config;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Periodic work: purges, and following the cache invalidations of other instances. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "gateway.scheduling", havingValue = "true", matchIfMissing = true)
class SchedulingConfiguration {
}
