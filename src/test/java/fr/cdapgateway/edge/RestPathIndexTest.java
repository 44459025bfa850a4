package fr.cdapgateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class RestPathIndexTest {

    private static final List<RestPathIndex.Path> PATHS = Stream.of(
            "/api/v1/dossiers/{numeroAllocataire}/quotient-familial",
            "/api/v1/dossiers/{numeroAllocataire}",
            "/api/v1/moi",
            "/api/v1/moi/traces",
            "/api/v1/admin/conventions/{numero}",
            "/api/v1/admin/conventions/{numero}", // the same path for another verb
            "/api/v1/admin/conventions/{numero}/utilisateurs").map(RestPathIndex.Path::of).toList();

    @Test
    void theOnlyMatchingPathIsFoundWithItsTemplatesFilled() {
        assertThat(RestPathIndex.onlyMatch(PATHS, "/api/v1/dossiers/1000042/quotient-familial")).isZero();
        assertThat(RestPathIndex.onlyMatch(PATHS, "/api/v1/dossiers/1000042")).isEqualTo(1);
        assertThat(RestPathIndex.onlyMatch(PATHS, "/api/v1/moi/traces?format=csv")).isEqualTo(3);
        assertThat(RestPathIndex.onlyMatch(PATHS, "/api/v1/admin/conventions/79-2017-19/utilisateurs")).isEqualTo(6);
    }

    @Test
    void literalSegmentsIgnoreCaseAndATrailingSlash() {
        assertThat(RestPathIndex.onlyMatch(PATHS, "/API/v1/Moi/")).isEqualTo(2);
    }

    @Test
    void severalMatchesOrNoneOrAnUnusualUriAreLeftToCamel() {
        assertThat(RestPathIndex.onlyMatch(PATHS, "/api/v1/admin/conventions/79-2017-19")).isEqualTo(-1);
        assertThat(RestPathIndex.onlyMatch(PATHS, "/api/v1/inconnu")).isEqualTo(-1);
        assertThat(RestPathIndex.onlyMatch(PATHS, "/api/v1/dossiers/1000042/quotient-familial/plus")).isEqualTo(-1);
        assertThat(RestPathIndex.onlyMatch(PATHS, "/api/v1//moi")).isEqualTo(-1);
        assertThat(RestPathIndex.onlyMatch(PATHS, "/api/v1/dossiers/10%2F42")).isEqualTo(-1);
        assertThat(RestPathIndex.onlyMatch(PATHS, "http://localhost:8080/api/v1/moi")).isEqualTo(-1);
        assertThat(RestPathIndex.onlyMatch(PATHS, "/")).isEqualTo(-1);
        assertThat(RestPathIndex.onlyMatch(PATHS, "")).isEqualTo(-1);
    }

    @Test
    void wildcardsAndPartialTemplatesAreNotIndexed() {
        assertThat(RestPathIndex.indexable("/api/v1/dossiers/{numeroAllocataire}")).isTrue();
        assertThat(RestPathIndex.indexable("/dossiers/*")).isFalse();
        assertThat(RestPathIndex.indexable("/dossiers/n{numero}")).isFalse();
        assertThat(RestPathIndex.indexable("/api//v1")).isFalse();
        assertThat(RestPathIndex.indexable(null)).isFalse();
    }
}
