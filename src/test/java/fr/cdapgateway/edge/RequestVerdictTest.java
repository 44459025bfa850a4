package fr.cdapgateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import fr.cdapgateway.edge.RequestVerdict.Reason;

/** What reaches a route and what the gateway answers itself, on request lines an outside harness sends. */
class RequestVerdictTest {

    private final RequestVerdict verdict = new RequestVerdict(List.of(
            new RequestVerdict.Route("GET", "/api/v1/statut"),
            new RequestVerdict.Route("GET", "/api/v1/dossiers/{numeroAllocataire}"),
            new RequestVerdict.Route("GET", "/api/v1/admin/traces/verification")));

    @Test
    void aKnownPathAndMethodGoOn() {
        assertThat(verdict.judge("GET", "/api/v1/statut")).isNull();
        assertThat(verdict.judge("GET", "/api/v1/dossiers/1000042?x=1")).isNull();
    }

    @Test
    void emptySegmentsNameNoResource() {
        assertThat(verdict.judge("GET", "//api/v1/statut").reason()).isEqualTo(Reason.PATH);
        assertThat(verdict.judge("GET", "/api/v1/admin//traces//verification").reason()).isEqualTo(Reason.PATH);
        assertThat(verdict.judge("GET", "/api/v1/statut//").reason()).isEqualTo(Reason.PATH);
    }

    @Test
    void aProxysRequestLineIsRefused() {
        assertThat(verdict.judge("GET", "http://evil.example/api/v1/statut").reason()).isEqualTo(Reason.TARGET);
        assertThat(verdict.judge("OPTIONS", "*").reason()).isEqualTo(Reason.TARGET);
    }

    @Test
    void charactersNoUriHoldsAreRefused() {
        assertThat(verdict.judge("GET", "/api/v1/dossiers/..\\..\\admin").reason()).isEqualTo(Reason.URI);
        assertThat(verdict.judge("GET", "/api/v1/dossiers/{x}").reason()).isEqualTo(Reason.URI);
        assertThat(verdict.judge("GET", "/api/v1/dossiers/\"1\"").reason()).isEqualTo(Reason.URI);
        assertThat(verdict.judge("GET", "/api/v1/dossiers/\u00e9").reason()).isEqualTo(Reason.URI);
        assertThat(verdict.judge("GET", "/api/v1/dossiers/%C3%28").reason()).isEqualTo(Reason.URI);
    }

    @Test
    void anUnknownPathIsA404AndAWrongMethodA405() {
        assertThat(verdict.judge("GET", "/api/v1/inconnu").reason()).isEqualTo(Reason.PATH);
        RequestVerdict.Refusal wrong = verdict.judge("DELETE", "/api/v1/statut");
        assertThat(wrong.reason()).isEqualTo(Reason.METHOD);
        assertThat(wrong.allow()).isEqualTo("GET");
    }
}
