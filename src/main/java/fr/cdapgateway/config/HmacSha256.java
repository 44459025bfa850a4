package fr.cdapgateway.config;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under one key, with a keyed {@link Mac} per thread: creating and keying one per use was a visible
 * share of the CPU on the request path and in the trace writer. {@code doFinal} resets the Mac for the next use.
 */
public final class HmacSha256 {

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public HmacSha256(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** This thread's Mac, keyed and reset. */
    public Mac mac() {
        return macs.get();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
