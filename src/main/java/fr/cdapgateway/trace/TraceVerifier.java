package fr.cdapgateway.trace;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Walks every chain segment and reports the first altered, inserted or removed trace (SPEC §9): a record whose
 * link does not follow from its content and its predecessor's was changed or forged; a gap in the ranks or a
 * segment shorter than its seal means records were removed.
 */
@Component
public class TraceVerifier {

    /** The first anomaly found, in the order of the chains. */
    public record Anomaly(Long sequence, String instance, LocalDate segment, Long rang, String nature) {
    }

    public record Result(boolean valide, long traces, Anomaly premiereAnomalie) {
    }

    private record Segment(String instance, LocalDate day) {
    }

    private final JdbcClient jdbc;
    private final TraceStore store;
    private final TraceKeys keys;

    TraceVerifier(JdbcClient jdbc, TraceStore store, TraceProperties properties) {
        this.jdbc = jdbc;
        this.store = store;
        this.keys = new TraceKeys(properties);
    }

    public Result verify() {
        long total = jdbc.sql("select count(*) from trace").query(Long.class).single();
        // a row the writer did not chain was put there by someone else
        var unchained = jdbc.sql("""
                select min(sequence) from trace
                 where lien is null or rang is null or instance is null or segment is null""")
                .query(Long.class).optional();
        if (unchained.isPresent()) {
            return new Result(false, total, new Anomaly(unchained.get(), null, null, null, "INSEREE"));
        }
        List<Segment> segments = segments();
        Anomaly missingDay = verifyRegistry(segments);
        if (missingDay != null) {
            return new Result(false, total, missingDay);
        }
        for (Segment segment : segments) {
            Anomaly anomaly = verify(segment);
            if (anomaly != null) {
                return new Result(false, total, anomaly);
            }
        }
        return new Result(true, total, null);
    }

    /**
     * The registry of days, instance by instance: each day's link follows from the day registered before it, so a
     * day deleted whole (traces, seal and registry row) breaks the next day's link; a registered day that is not
     * purged must still have its seal; and a day with traces after the registry began must be registered. Days
     * older than the registry (written before it existed) are verified by their seals alone.
     */
    private Anomaly verifyRegistry(List<Segment> segments) {
        Map<String, List<Segment>> byInstance = new LinkedHashMap<>();
        segments.forEach(s -> byInstance.computeIfAbsent(s.instance(), i -> new ArrayList<>()).add(s));
        jdbc.sql("select distinct instance from trace_registre order by instance").query(String.class).list()
                .forEach(i -> byInstance.putIfAbsent(i, new ArrayList<>()));
        for (Map.Entry<String, List<Segment>> instance : byInstance.entrySet()) {
            List<TraceStore.Registered> registry = store.registry(instance.getKey());
            LocalDate previous = null;
            String previousLink = null;
            long expectedOrder = 1;
            for (TraceStore.Registered day : registry) {
                if (day.ordre() != expectedOrder || (day.precedent() != null && !day.precedent().equals(previous))) {
                    return new Anomaly(null, instance.getKey(), day.precedent(), null, "JOUR_SUPPRIME");
                }
                expectedOrder++;
                Optional<TraceChain> dayKey = keys.find(day.keyId());
                if (dayKey.isEmpty()) {
                    return new Anomaly(null, instance.getKey(), day.segment(), null, "CLE_INCONNUE");
                }
                if (!dayKey.get().registryLink(day.instance(), day.segment(), day.ordre(), previous, previousLink)
                        .equals(day.maillon())) {
                    return new Anomaly(null, instance.getKey(), day.segment(), null, "REGISTRE_ALTERE");
                }
                if (!day.purged() && store.segmentEnd(day.instance(), day.segment()).isEmpty()) {
                    return new Anomaly(null, instance.getKey(), day.segment(), null, "JOUR_SUPPRIME");
                }
                previous = day.segment();
                previousLink = day.maillon();
            }
            LocalDate registryStart = registry.stream().map(TraceStore.Registered::segment).min(LocalDate::compareTo)
                    .orElse(null);
            for (Segment segment : instance.getValue()) {
                boolean registered = registry.stream().anyMatch(r -> r.segment().equals(segment.day()));
                if (registryStart != null && !registered && segment.day().isAfter(registryStart)) {
                    return new Anomaly(null, segment.instance(), segment.day(), null, "JOUR_NON_ENREGISTRE");
                }
            }
        }
        return null;
    }

    private List<Segment> segments() {
        Map<String, Segment> segments = new LinkedHashMap<>();
        jdbc.sql("""
                select instance, segment from trace group by instance, segment
                union
                select instance, segment from trace_segment
                order by 1, 2""")
                .query(rs -> {
                    Segment s = new Segment(rs.getString(1), rs.getObject(2, LocalDate.class));
                    segments.put(s.instance() + "|" + s.day(), s);
                });
        return new ArrayList<>(segments.values());
    }

    private Anomaly verify(Segment segment) {
        String keyId = store.segmentEnd(segment.instance(), segment.day()).map(TraceStore.SegmentEnd::keyId)
                .orElse(keys.currentId());
        Optional<TraceChain> key = keys.find(keyId);
        if (key.isEmpty()) {
            return new Anomaly(null, segment.instance(), segment.day(), null, "CLE_INCONNUE");
        }
        TraceChain chain = key.get();
        String[] link = {chain.genesis(segment.instance(), segment.day())};
        long[] expectedRank = {1};
        Anomaly[] anomaly = {null};
        jdbc.sql("""
                select sequence, horodatage, request_id, utilisateur, convention, service, profil, action,
                       numero_allocataire, motif, statut, code, duree_ms, adresse_client, user_agent, indicateurs,
                       objet, rang, lien
                  from trace where instance = :instance and segment = :segment order by rang, sequence""")
                .param("instance", segment.instance()).param("segment", segment.day())
                .query(rs -> {
                    if (anomaly[0] != null) {
                        return;
                    }
                    long sequence = rs.getLong("sequence");
                    long rank = rs.getLong("rang");
                    String indicateurs = rs.getString("indicateurs");
                    TraceRecord record = new TraceRecord(rs.getTimestamp("horodatage").toInstant(),
                            rs.getString("request_id"), rs.getString("utilisateur"), rs.getString("convention"),
                            rs.getString("service"), rs.getString("profil"), rs.getString("action"),
                            rs.getString("numero_allocataire"), rs.getString("motif"), rs.getInt("statut"),
                            rs.getString("code"), rs.getInt("duree_ms"), rs.getString("adresse_client"),
                            rs.getString("user_agent"),
                            indicateurs == null ? List.of() : Arrays.asList(indicateurs.split(",")),
                            rs.getString("objet"));
                    String expected = chain.link(link[0],
                            new ChainedTrace(record, segment.instance(), segment.day(), rank, null));
                    if (rank < expectedRank[0]) {
                        anomaly[0] = new Anomaly(sequence, segment.instance(), segment.day(), rank, "INSEREE");
                    } else if (rank > expectedRank[0]) {
                        anomaly[0] = new Anomaly(sequence, segment.instance(), segment.day(), expectedRank[0],
                                "SUPPRIMEE");
                    } else if (!expected.equals(rs.getString("lien"))) {
                        anomaly[0] = new Anomaly(sequence, segment.instance(), segment.day(), rank, "ALTEREE");
                    } else {
                        link[0] = expected;
                        expectedRank[0]++;
                    }
                });
        if (anomaly[0] != null) {
            return anomaly[0];
        }
        return checkSeal(segment, expectedRank[0] - 1, link[0], chain);
    }

    private Anomaly checkSeal(Segment segment, long lastRank, String lastLink, TraceChain chain) {
        var end = store.segmentEnd(segment.instance(), segment.day());
        if (end.isEmpty()) {
            return lastRank == 0 ? null : new Anomaly(null, segment.instance(), segment.day(), lastRank, "SCEAU_ABSENT");
        }
        String seal = chain.seal(segment.instance(), segment.day(), end.get().lastRank(), end.get().lastLink());
        if (!seal.equals(end.get().seal())) {
            return new Anomaly(null, segment.instance(), segment.day(), end.get().lastRank(), "SCEAU_ALTERE");
        }
        if (end.get().lastRank() > lastRank) {
            return new Anomaly(null, segment.instance(), segment.day(), lastRank + 1, "SUPPRIMEE");
        }
        if (end.get().lastRank() < lastRank || !end.get().lastLink().equals(lastLink)) {
            return new Anomaly(null, segment.instance(), segment.day(), end.get().lastRank() + 1, "INSEREE");
        }
        return null;
    }
}
