package fr.cdapgateway.consultation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Grant;
import fr.cdapgateway.api.Period;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.api.Profile;
import fr.cdapgateway.config.CafCalendar;
import fr.cdapgateway.config.GatewayProperties;
import fr.cdapgateway.support.MutableClock;
import fr.cdapgateway.support.ProfilesFromConfig;
import fr.cdapgateway.support.Refusals;

/**
 * What a consultation asks for, what a batch holds and what each answer shows: {@link ConsultationInput},
 * {@link BatchConsultation} and {@link ConsultationViews} on typed inputs, without Camel.
 */
class ConsultationRulesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Profile> PROFILES = ProfilesFromConfig.load();

    // 2026-11-22 in Paris
    private final CafCalendar calendar = new CafCalendar(new MutableClock(Instant.parse("2026-11-22T10:00:00Z")),
            new GatewayProperties(true, ZoneId.of("Europe/Paris"),
                    new GatewayProperties.Api("127.0.0.1", 8080, List.of()), List.of()));
    private final ConsultationInput input = new ConsultationInput(calendar);
    private final ConsultationViews views = new ConsultationViews(calendar);
    private final BatchConsultation batch = new BatchConsultation(JSON, calendar);

    private static GatewayRequest request() {
        return new GatewayRequest("r", "CONSULTATION_QF", 0, "127.0.0.1", null, "/api/v1/dossiers/1000042");
    }

    private static GatewayRequest granted(String profile) {
        GatewayRequest request = request();
        request.grant(new Grant(1, PROFILES.get(profile), "RESTAURATION_SCOLAIRE"));
        return request;
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void theDossierAndTheMonthAreReadOnceAndSetOnTheRequest() {
        GatewayRequest request = request();

        input.quotientFamilial(request, "1000042", List.of("2026"), List.of("9"));

        assertThat(request.numero().value()).isEqualTo("1000042");
        assertThat(request.numeroAllocataire()).as("the trace's dossier").isEqualTo("1000042");
        assertThat(request.period()).isEqualTo(new Period(2026, 9));
        GatewayRequest current = request();
        input.quotientFamilial(current, "1000042", List.of(), List.of());
        assertThat(current.period()).as("the current month by default").isEqualTo(new Period(2026, 11));
    }

    @Test
    void aMalformedNumberOrARepeatedParameterIsRefused() {
        assertThat(Refusals.problemOf(() -> input.dossier(request(), "12345678"))).isEqualTo(Problem.INVALID_NUMERO_ALLOCATAIRE);
        assertThat(Refusals.problemOf(() -> input.dossier(request(), "../admin"))).isEqualTo(Problem.INVALID_NUMERO_ALLOCATAIRE);
        assertThat(Refusals.problemOf(() -> input.quotientFamilial(request(), "1000042", List.of("2026", "2025"), List.of())))
                .isEqualTo(Problem.INVALID_PERIOD);
        assertThat(Refusals.problemOf(() -> input.quotientFamilial(request(), "1000042", List.of("2026"), List.of("13"))))
                .isEqualTo(Problem.INVALID_PERIOD);
    }

    @Test
    void theQuotientAnswerShowsTheMonthAndWhoTheFamilyIsNothingElse() {
        GatewayRequest request = granted("T2");
        request.period(new Period(2026, 9));

        ObjectNode answer = views.quotientFamilial(request, json("""
                {"numeroAllocataire":"1000042",
                 "quotientsFamiliaux":[{"annee":2026,"mois":9,"valeur":645,"statut":"CALCULE"}],
                 "allocataires":[{"prenoms":"Alice"}],"enfants":[{"prenoms":"Léo"}]}"""));

        assertThat(answer.toString()).isEqualTo("{\"numeroAllocataire\":\"1000042\","
                + "\"quotientFamilial\":{\"valeur\":645,\"annee\":2026,\"mois\":9,\"statut\":\"CALCULE\"},"
                + "\"allocataires\":[{\"prenoms\":\"Alice\"}],\"enfants\":[{\"prenoms\":\"Léo\"}]}");
    }

    @Test
    void aProfileCheckedOnTheDossierSeesOnlyRecentRsaRights() {
        ObjectNode recent = json("{\"numeroAllocataire\":\"1000042\",\"rsa\":{\"dateDebutDroit\":\"2026-01-01\"}}");
        ObjectNode old = json("{\"numeroAllocataire\":\"1000042\",\"rsa\":{\"dateDebutDroit\":\"2019-01-01\","
                + "\"dateFinDroit\":\"2020-01-01\"}}");

        assertThat(views.dossier(granted("T18"), recent)).isSameAs(recent);
        assertThat(Refusals.problemOf(() -> views.dossier(granted("T18"), old))).isEqualTo(Problem.PROFILE_PRECONDITION_FAILED);
        assertThat(views.dossier(granted("T1"), old)).as("a profile without the precondition").isSameAs(old);
    }

    @Test
    void aBatchIsRefusedWholeWhenOneNumberIsMalformed() {
        GatewayRequest request = request();

        assertThatThrownBy(() -> batch.read(request, new BatchConsultation.Body(List.of("1000042", "abc"), null,
                null))).isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem()).isEqualTo(Problem.INVALID_NUMERO_ALLOCATAIRE);
                    assertThat(e.extensions()).containsEntry("invalides", List.of("abc"));
                });
        List<String> tooMany = new ArrayList<>(Arrays.asList(new String[101]));
        tooMany.replaceAll(n -> "1000042");
        assertThat(Refusals.problemOf(() -> batch.read(request(), new BatchConsultation.Body(tooMany, null, null))))
                .isEqualTo(Problem.INVALID_REQUEST);
        assertThat(Refusals.problemOf(() -> batch.read(request(), new BatchConsultation.Body(List.of(), null, null))))
                .isEqualTo(Problem.INVALID_REQUEST);
    }

    @Test
    void eachItemOfABatchIsItsOwnConsultationUnderTheBatchsIdentity() {
        GatewayRequest request = granted("T2");
        request.login("niort.agent1");

        List<String> items = batch.read(request,
                new BatchConsultation.Body(List.of("1000042", "1000043"), "2026", "9"));
        GatewayRequest second = batch.openItem(request, items.get(1), 1);

        assertThat(request.objet()).isEqualTo("lot:2");
        assertThat(second.requestId()).isEqualTo(request.requestId());
        assertThat(second.login()).isEqualTo("niort.agent1");
        assertThat(second.grant()).isEqualTo(request.grant());
        assertThat(second.period()).isEqualTo(new Period(2026, 9));
        assertThat(second.numero().value()).isEqualTo("1000043");
        assertThat(second.objet()).isEqualTo("lot:1");

        second.outcome(429, "rate-limited");
        Map<String, Object> refused = batch.result(second, "{\"detail\":\"Trop de consultations\"}".getBytes());
        Map<String, Object> served = batch.result(batch.openItem(request, "1000042", 0),
                "{\"numeroAllocataire\":\"1000042\",\"quotientFamilial\":{}}".getBytes());
        Map<String, Object> answer = batch.answer(request, List.of(served, refused));
        assertThat(refused).containsEntry("statut", 429).containsEntry("code", "rate-limited")
                .containsEntry("detail", "Trop de consultations");
        assertThat(answer).containsEntry("annee", 2026).containsEntry("mois", 9)
                .containsEntry("synthese", Map.of("200", 1, "429", 1));
    }
}
