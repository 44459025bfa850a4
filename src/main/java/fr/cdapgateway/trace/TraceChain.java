package fr.cdapgateway.trace;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;

import fr.cdapgateway.config.HmacSha256;

/**
 * The HMAC-SHA256 chain of the traces (SPEC §9): each record's link is the HMAC of the previous link and of the
 * record's canonical content; each (instance, day) segment starts from its own genesis, so whole days can be
 * purged and what remains still verifies. The key comes from configuration, never from the database.
 */
public final class TraceChain {

    private final HmacSha256 hmac;

    public TraceChain(String base64Key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gateway.trace.hmac-key is not base64", e);
        }
        if (bytes.length < 32) {
            throw new IllegalArgumentException("gateway.trace.hmac-key must hold at least 32 bytes");
        }
        this.hmac = new HmacSha256(bytes);
    }

    public String genesis(String instance, LocalDate segment) {
        return hmac("genesis|" + instance + "|" + segment);
    }

    public String link(String previous, ChainedTrace trace) {
        return hmac(previous + "|" + canonical(trace));
    }

    /** Seals the end of a segment: its length and last link. */
    public String seal(String instance, LocalDate segment, long lastRank, String lastLink) {
        return hmac("seal|" + instance + "|" + segment + "|" + lastRank + "|" + lastLink);
    }

    /**
     * Registers a day of an instance's chain after the day registered before it: deleting a day breaks the link of
     * the day registered after it.
     */
    public String registryLink(String instance, LocalDate segment, long ordre, LocalDate previousSegment,
                               String previousLink) {
        return hmac("registre|" + instance + "|" + segment + "|" + ordre + "|" + previousSegment + "|" + previousLink);
    }

    /** Every field, in a fixed order, escaped so that no two different records share a canonical form. */
    static String canonical(ChainedTrace t) {
        TraceRecord r = t.record();
        Object[] fields = {t.instance(), t.segment(), t.rank(), r.horodatage(), r.requestId(), r.utilisateur(),
            r.convention(), r.service(), r.profil(), r.action(), r.numeroAllocataire(), r.motif(), r.statut(),
            r.code(), r.dureeMs(), r.adresseClient(), r.userAgent(), String.join(",", r.indicateurs()), r.objet()};
        StringBuilder canonical = new StringBuilder(256);
        for (Object field : fields) {
            if (canonical.length() > 0) {
                canonical.append('|');
            }
            if (field == null) {
                canonical.append("\\0");
            } else {
                canonical.append(field.toString().replace("\\", "\\\\").replace("|", "\\|"));
            }
        }
        return canonical.toString();
    }

    private String hmac(String text) {
        return HexFormat.of().formatHex(hmac.mac().doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

}
