package fr.cdapgateway.throttle;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The limits of config/limits.yml ({@code gateway.throttle.*}), with per-convention overrides. */
@Validated
@ConfigurationProperties("gateway.throttle")
public record ThrottleProperties(
        @NotNull @Pattern(regexp = "auto|memory|postgresql") String storage,
        @Valid @NotNull Limit perUser,
        @Min(1) int perUserDaily,
        @Valid @NotNull Limit perUserBatch,
        @Valid @NotNull Limit perConvention,
        @Valid @NotNull Limit failedLoginsPerAddress,
        @Valid @NotNull Sharing sharing,
        @DefaultValue({}) Map<String, @Valid ConventionLimits> conventions,
        @Valid @DefaultValue Cluster cluster) {

    /** A token bucket: {@code capacity} tokens at most, {@code refill} more every {@code period}. */
    public record Limit(@Min(1) long capacity, @Min(1) long refill, @NotNull Duration period) {
    }

    /**
     * Buckets shared through PostgreSQL. A bucket of {@code localFrom} tokens or more may be consumed by an
     * instance on its own up to {@code tolerance} of its capacity before the instance synchronises with the shared
     * bucket, and at least every {@code sync}. Smaller buckets (every human-scale default: 20, 1,500 a day...)
     * are exact: one transaction per token. A stored bucket is deleted {@code keepIdle} after it is full again.
     */
    public record Cluster(@DefaultValue("0.01") @DecimalMin("0") @DecimalMax("0.1") double tolerance,
                          @DefaultValue("10000") @Min(1) long localFrom,
                          @DefaultValue("1s") @NotNull Duration sync,
                          @DefaultValue("10m") @NotNull Duration keepIdle) {

        /** How many tokens of a bucket of this capacity an instance may consume between synchronisations. */
        public long localTokens(long capacity) {
            return capacity < localFrom ? 0 : (long) Math.floor(capacity * tolerance);
        }
    }

    public record Sharing(@NotNull Duration window, boolean refuse) {
    }

    /** What a convention changes from the defaults; anything left out keeps the default. */
    public record ConventionLimits(@Valid Limit perUser, Integer perUserDaily, @Valid Limit perUserBatch,
                                   @Valid Limit perConvention, Boolean refuseSharing) {
    }

    public Limit perUserBatch(String convention) {
        ConventionLimits own = conventions.get(convention);
        return own != null && own.perUserBatch() != null ? own.perUserBatch() : perUserBatch;
    }

    public Limit perUser(String convention) {
        ConventionLimits own = conventions.get(convention);
        return own != null && own.perUser() != null ? own.perUser() : perUser;
    }

    public int perUserDaily(String convention) {
        ConventionLimits own = conventions.get(convention);
        return own != null && own.perUserDaily() != null ? own.perUserDaily() : perUserDaily;
    }

    public Limit perConvention(String convention) {
        ConventionLimits own = conventions.get(convention);
        return own != null && own.perConvention() != null ? own.perConvention() : perConvention;
    }

    public boolean refuseSharing(String convention) {
        ConventionLimits own = conventions.get(convention);
        return own != null && own.refuseSharing() != null ? own.refuseSharing() : sharing.refuse();
    }
}
