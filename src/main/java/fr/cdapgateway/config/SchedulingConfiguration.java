package fr.cdapgateway.config;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.task.ThreadPoolTaskSchedulerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Periodic work: purges, and following the cache invalidations of other instances. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "gateway.scheduling", havingValue = "true", matchIfMissing = true)
class SchedulingConfiguration {

    @Bean
    ThreadPoolTaskSchedulerCustomizer quietJobs() {
        return scheduler -> scheduler.setTaskDecorator(new QuietJobs());
    }

    /**
     * During a database outage a job that runs every second must not write a stack trace every second: each job
     * logs its fault once, when it starts failing, and once more when it works again.
     */
    static final class QuietJobs implements TaskDecorator {

        private static final Logger LOG = LoggerFactory.getLogger(QuietJobs.class);
        private final Set<String> failing = ConcurrentHashMap.newKeySet();

        @Override
        public Runnable decorate(Runnable job) {
            String name = String.valueOf(job);
            return () -> {
                try {
                    job.run();
                    if (failing.remove(name)) {
                        LOG.info("scheduled job {} works again", name);
                    }
                } catch (RuntimeException e) {
                    if (failing.add(name)) {
                        // the type only: a database error's message may quote data
                        LOG.warn("scheduled job {} fails ({}); logged once until it works again", name,
                                e.getClass().getSimpleName());
                    }
                }
            };
        }
    }
}
