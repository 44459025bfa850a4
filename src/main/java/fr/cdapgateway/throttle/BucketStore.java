package fr.cdapgateway.throttle;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

/** Where token buckets live: this JVM's memory, or PostgreSQL so every instance of a cluster shares them. */
public interface BucketStore {

    Bucket bucket(String key, BucketConfiguration configuration);

    /** Forgets every bucket (tests, and an operator resetting limits). */
    void clear();

    /** Removes the stored buckets of keys idle long enough to be full again; how many were removed. */
    default int removeExpired() {
        return 0;
    }
}
