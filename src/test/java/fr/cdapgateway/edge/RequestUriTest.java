package fr.cdapgateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class RequestUriTest {

    private static RequestUri uri(String value) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(Exchange.HTTP_URI, value);
        // a client's header of the same name must not be what is read
        exchange.getMessage().setHeader("numeroAllocataire", "9999101");
        return RequestUri.of(exchange);
    }

    @Test
    void readsThePathParameterFromTheRequestLine() {
        assertThat(uri("/api/v1/dossiers/1000042/quotient-familial?annee=2026").segmentAfter("dossiers"))
                .isEqualTo("1000042");
        assertThat(uri("/api/v1/dossiers/10%30%300%342").segmentAfter("dossiers")).isEqualTo("1000042");
        assertThat(uri("/api/v1/moi").segmentAfter("dossiers")).isNull();
    }

    @Test
    void readsEveryValueOfAQueryParameter() {
        RequestUri uri = uri("/x?annee=2026&mois=3&annee=2025&vide&mois2=%C3%A9");

        assertThat(uri.queryValues("annee")).containsExactly("2026", "2025");
        assertThat(uri.queryValues("mois")).containsExactly("3");
        assertThat(uri.queryValues("vide")).containsExactly("");
        assertThat(uri.queryValues("mois2")).containsExactly("é");
        assertThat(uri.queryValues("absent")).isEmpty();
    }

    @Test
    void keepsAMalformedEscapeAsItIs() {
        assertThat(uri("/dossiers/%zz").segmentAfter("dossiers")).isEqualTo("%zz");
    }
}
