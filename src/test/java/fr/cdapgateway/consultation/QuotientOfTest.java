package fr.cdapgateway.consultation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import fr.cdapgateway.api.Period;

class QuotientOfTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void picksTheAskedMonth() throws Exception {
        ObjectNode qf = ConsultationViews.quotientOf(JSON.readTree("""
                [{"annee":2026,"mois":10,"valeur":700,"statut":"CALCULE"},
                 {"annee":2026,"mois":9,"valeur":645,"statut":"CALCULE"}]"""), new Period(2026, 9));

        assertThat(qf.toString()).isEqualTo("{\"valeur\":645,\"annee\":2026,\"mois\":9,\"statut\":\"CALCULE\"}");
    }

    @Test
    void aMonthTheCafDidNotSendIsUnknownWithANullValueNeverZero() throws Exception {
        ObjectNode qf = ConsultationViews.quotientOf(JSON.readTree("[]"), new Period(2026, 9));

        assertThat(qf.get("valeur").isNull()).isTrue();
        assertThat(qf.get("statut").asText()).isEqualTo("NON_CONNU");
    }

    @Test
    void aValueIsNeverShownUnlessTheQuotientIsCalculated() throws Exception {
        ObjectNode qf = ConsultationViews.quotientOf(JSON.readTree("""
                [{"annee":2026,"mois":9,"valeur":0,"statut":"SANS_DROIT"}]"""), new Period(2026, 9));

        assertThat(qf.get("valeur").isNull()).isTrue();
        assertThat(qf.get("statut").asText()).isEqualTo("SANS_DROIT");
    }
}
