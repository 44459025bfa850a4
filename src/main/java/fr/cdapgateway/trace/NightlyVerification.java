package fr.cdapgateway.trace;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import fr.cdapgateway.alert.AlertType;
import fr.cdapgateway.alert.Alerts;
import fr.cdapgateway.cluster.ClusterJobs;
import fr.cdapgateway.mail.Recipients;

/**
 * Every night, once per cluster, the trace chains are verified (SPEC §14.5): an altered, inserted or removed trace
 * raises an {@code ANOMALIE_TRACES} alert for every CAF — mailed to each CAF's security officer — since the chains
 * are the gateway's, not one partner's. The run is itself traced.
 */
@Component
public class NightlyVerification {

    private static final Logger LOG = LoggerFactory.getLogger(NightlyVerification.class);

    private final TraceVerifier verifier;
    private final TraceRecorder recorder;
    private final Alerts alerts;
    private final Recipients recipients;
    private final ClusterJobs jobs;

    NightlyVerification(TraceVerifier verifier, TraceRecorder recorder, Alerts alerts, Recipients recipients,
                        ClusterJobs jobs) {
        this.verifier = verifier;
        this.recorder = recorder;
        this.alerts = alerts;
        this.recipients = recipients;
        this.jobs = jobs;
    }

    @Scheduled(cron = "${gateway.alerts.verification-cron:0 0 4 * * *}", zone = "Europe/Paris")
    public void scheduled() {
        jobs.runOnce("verification-traces", ClusterJobs.DAILY_HOLD, this::verify);
    }

    /** Verifies the chains; returns whether they are intact. */
    public boolean verify() {
        TraceVerifier.Result result = verifier.verify();
        recorder.recordInternal("VERIFICATION_TRACES", "traces:" + result.traces() + ",valide:" + result.valide());
        if (!result.valide()) {
            LOG.error("trace chain verification: anomaly {} ({} traces verified)", result.premiereAnomalie(),
                    result.traces());
            for (String caf : recipients.cafs()) {
                alerts.raise(AlertType.ANOMALIE_TRACES, caf, null, null);
            }
        }
        return result.valide();
    }
}
