package fr.cdapgateway.habilitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;

/** The rule of SPEC §14.11 on typed inputs, without Camel. */
class OtherCafDossiersTest {

    private final List<String> raised = new ArrayList<>();
    private final OtherCafDossiers rule = new OtherCafDossiers(null, (type, caf, convention, login) -> {
        raised.add(type + "/" + caf + "/" + convention + "/" + login);
        return true;
    });

    @Test
    void aDossierOfTheConventionsOwnCafIsAlwaysServed() {
        for (Convention.OtherCaf setting : Convention.OtherCaf.values()) {
            GatewayRequest request = request("791");
            rule.apply(convention(setting), request);
            assertThat(request.flags()).isEmpty();
        }
        assertThat(raised).isEmpty();
    }

    @Test
    void anotherCafsDossierIsServedReportedOrRefused() {
        GatewayRequest allowed = request("501");
        rule.apply(convention(Convention.OtherCaf.AUTORISER), allowed);
        GatewayRequest reported = request("501");
        rule.apply(convention(Convention.OtherCaf.SIGNALER), reported);

        assertThat(allowed.flags()).isEmpty();
        assertThat(reported.flags()).containsExactly(OtherCafDossiers.FLAG);
        assertThat(raised).containsExactly("DOSSIER_AUTRE_CAF/791/79-2017-19/niort.agent1");
        assertThatThrownBy(() -> rule.apply(convention(Convention.OtherCaf.REFUSER), request("501")))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.DOSSIER_OTHER_CAF));
    }

    @Test
    void aDossierWithoutAHoldingCafIsServed() {
        GatewayRequest unknown = request(null);
        rule.apply(convention(Convention.OtherCaf.REFUSER), unknown);
        assertThat(unknown.flags()).isEmpty();
    }

    private static Convention convention(Convention.OtherCaf setting) {
        return new Convention("79-2017-19", "791", "Mairie de Niort", null, "DELEGUE", List.of(), Map.of(),
                LocalDate.of(2017, 10, 1), null, LocalDate.of(2017, 10, 1), setting);
    }

    private static GatewayRequest request(String holder) {
        GatewayRequest request = new GatewayRequest("r-1", "CONSULTATION_QF", 0, "127.0.0.1", "test", "/");
        request.login("niort.agent1");
        request.convention("79-2017-19");
        request.dossierCaf(holder);
        return request;
    }
}
