package fr.cdapgateway.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class TraceChainTest {

    private static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final LocalDate DAY = LocalDate.of(2026, 11, 22);
    private final TraceChain chain = new TraceChain(KEY);

    private static TraceRecord record(String utilisateur, String userAgent) {
        return new TraceRecord(Instant.parse("2026-11-22T10:00:00.123456789Z"), "req-1", utilisateur, "79-2017-19",
                "CDAP", "T2", "CONSULTATION_QF", "1000042", "CENTRE_LOISIRS", 200, null, 12, "127.0.0.1",
                userAgent, List.of(), null);
    }

    private static ChainedTrace chained(TraceRecord record, long rank) {
        return new ChainedTrace(record, "gateway-1", DAY, rank, null);
    }

    @Test
    void eachLinkDependsOnThePreviousLinkTheContentAndThePlace() {
        String genesis = chain.genesis("gateway-1", DAY);
        String link = chain.link(genesis, chained(record("niort.agent1", "ua"), 1));

        assertThat(link).hasSize(64).isEqualTo(chain.link(genesis, chained(record("niort.agent1", "ua"), 1)));
        assertThat(chain.link(genesis, chained(record("niort.agent2", "ua"), 1))).isNotEqualTo(link);
        assertThat(chain.link(genesis, chained(record("niort.agent1", "ua"), 2))).isNotEqualTo(link);
        assertThat(chain.link(chain.genesis("gateway-2", DAY), chained(record("niort.agent1", "ua"), 1)))
                .isNotEqualTo(link);
        assertThat(chain.genesis("gateway-1", DAY.plusDays(1))).isNotEqualTo(genesis);
    }

    @Test
    void theCanonicalFormCannotBeShiftedBetweenFields() {
        String a = TraceChain.canonical(chained(record("x|y", "z"), 1));
        String b = TraceChain.canonical(chained(record("x", "y|z"), 1));
        String withNull = TraceChain.canonical(chained(record(null, "z"), 1));
        String withText = TraceChain.canonical(chained(record("\\0", "z"), 1));

        assertThat(a).isNotEqualTo(b);
        assertThat(withNull).isNotEqualTo(withText);
    }

    @Test
    void timestampsAreChainedAtTheMicrosecondTheDatabaseKeeps() {
        assertThat(record("a", "b").horodatage()).isEqualTo(Instant.parse("2026-11-22T10:00:00.123456Z"));
    }

    @Test
    void anotherKeyGivesAnotherChainAndAShortKeyIsRefused() {
        TraceChain other = new TraceChain(Base64.getEncoder().encodeToString("another-key-of-32-bytes-or-more!".getBytes()));

        assertThat(other.genesis("gateway-1", DAY)).isNotEqualTo(chain.genesis("gateway-1", DAY));
        assertThat(other.seal("gateway-1", DAY, 3, "x")).isNotEqualTo(chain.seal("gateway-1", DAY, 3, "x"));
        assertThatThrownBy(() -> new TraceChain(Base64.getEncoder().encodeToString("short".getBytes())))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new TraceChain("not base64 !")).hasMessageContaining("base64");
    }
}
