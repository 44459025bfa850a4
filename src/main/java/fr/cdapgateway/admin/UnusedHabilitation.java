package fr.cdapgateway.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * When an habilitation counts as unused for the annual review (SPEC §8): nobody used it for 90 days, counted from the
 * latest of the day it was granted, the day it starts and its last use. A T2 granted this morning, or starting next
 * week, is not unused — the review must never propose to remove it for that.
 */
public final class UnusedHabilitation {

    public static final Duration PERIOD = Duration.ofDays(ReverseReview.UNUSED_DAYS);

    private UnusedHabilitation() {
    }

    /**
     * @param grantedAt when it was granted
     * @param start     the day it starts (in the CAF's zone)
     * @param lastUse   its last use, if any
     */
    public static boolean unused(Instant grantedAt, LocalDate start, Instant lastUse, Instant now, ZoneId zone) {
        return !now.minus(PERIOD).isBefore(since(grantedAt, start, lastUse, zone));
    }

    /** The moment from which its 90 days are counted. */
    public static Instant since(Instant grantedAt, LocalDate start, Instant lastUse, ZoneId zone) {
        Instant latest = grantedAt;
        Instant starts = start == null ? null : start.atStartOfDay(zone).toInstant();
        if (starts != null && (latest == null || starts.isAfter(latest))) {
            latest = starts;
        }
        if (lastUse != null && (latest == null || lastUse.isAfter(latest))) {
            latest = lastUse;
        }
        return latest == null ? Instant.EPOCH : latest;
    }
}
