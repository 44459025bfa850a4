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
import org.springframework.util.ErrorHandler;

/** Periodic work: purges, and following the cache invalidations of other instances. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "gateway.scheduling", havingValue = "true", matchIfMissing = true)
class SchedulingConfiguration {

    @Bean
    ThreadPoolTaskSchedulerCustomizer quietJobs() {
        QuietJobs quiet = new QuietJobs();
        return scheduler -> {
            scheduler.setErrorHandler(quiet);
            scheduler.setTaskDecorator(quiet);
        };
    }

    /**
     * During a database outage a job that runs every second must not write a stack trace every second: each job
     * logs its fault once, when it starts failing, and once more when it works again. The scheduler hands a job's
     * exception to the error handler on the job's own thread, inside the decorated run: the decorator learns from
     * it whether that run failed.
     */
    static final class QuietJobs implements TaskDecorator, ErrorHandler {

        private static final Logger LOG = LoggerFactory.getLogger(QuietJobs.class);
        private final Set<String> failing = ConcurrentHashMap.newKeySet();
        private final ThreadLocal<Throwable> fault = new ThreadLocal<>();

        /** The scheduled method ("...AccessChanges.followOtherInstances"), whatever wraps it. */
        static String nameOf(Runnable job) {
            String text = String.valueOf(job);
            int method = text.indexOf(" for ");
            if (method < 0) {
                return text;
            }
            int end = text.indexOf(']', method);
            return text.substring(method + 5, end < 0 ? text.length() : end);
        }

        @Override
        public void handleError(Throwable error) {
            fault.set(error);
        }

        @Override
        public Runnable decorate(Runnable job) {
            String name = nameOf(job);
            return () -> {
                fault.remove();
                try {
                    job.run();
                } catch (RuntimeException e) {
                    fault.set(e);
                }
                Throwable error = fault.get();
                fault.remove();
                if (error == null) {
                    if (failing.remove(name)) {
                        LOG.info("scheduled job {} works again", name);
                    }
                } else if (failing.add(name)) {
                    // the type only: a database error's message may quote data
                    LOG.warn("scheduled job {} fails ({}); logged once until it works again", name,
                            error.getClass().getSimpleName());
                }
            };
        }
    }
}
