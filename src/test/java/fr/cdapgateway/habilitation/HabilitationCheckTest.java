package fr.cdapgateway.habilitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import fr.cdapgateway.api.Account;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.config.CafCalendar;
import fr.cdapgateway.config.GatewayProperties;
import fr.cdapgateway.support.MutableClock;
import fr.cdapgateway.support.ProfilesFromConfig;
import fr.cdapgateway.support.Refusals;

/**
 * The habilitation check and the convention's term on the typed request, without Camel: the directory's
 * habilitations and conventions are in memory.
 */
class HabilitationCheckTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    private final Map<Long, List<Habilitation>> habilitations = new HashMap<>();
    private final Map<String, Convention> conventions = new HashMap<>();
    private final HabilitationDirectory directory = new HabilitationDirectory(new HabilitationRepository(null) {
        @Override
        List<Habilitation> habilitationsOf(long userId) {
            return habilitations.getOrDefault(userId, List.of());
        }

        @Override
        Optional<Convention> convention(String numero) {
            return Optional.ofNullable(conventions.get(numero));
        }
    });
    private final CafCalendar calendar = new CafCalendar(new MutableClock(Instant.parse("2026-11-22T10:00:00Z")),
            new GatewayProperties(true, ZoneId.of("Europe/Paris"),
                    new GatewayProperties.Api("127.0.0.1", 8080, List.of()), List.of()));
    private final HabilitationCheck check = new HabilitationCheck(directory, catalog(), calendar);
    private final ConventionInForce inForce = new ConventionInForce(directory, calendar);

    private static ProfileCatalog catalog() {
        Map<String, ProfileDefinitions.Definition> definitions = new HashMap<>();
        ProfilesFromConfig.load().forEach((code, p) -> definitions.put(code, new ProfileDefinitions.Definition(
                p.libelle(), p.finalite(), p.champs(), p.precondition(), p.rsaMonths())));
        return new ProfileCatalog(new ProfileDefinitions(definitions,
                new ProfileDefinitions.Dossier(ProfilesFromConfig.objets())));
    }

    private static final LocalDate SIGNED = LocalDate.of(2017, 1, 1);

    private static Convention convention(String numero, LocalDate debut, LocalDate fin, LocalDate ouverte) {
        return new Convention(numero, "791", "Mairie de Niort", null, "DELEGUE",
                List.of("RESTAURATION_SCOLAIRE"), Map.of(), debut, fin, ouverte, Convention.OtherCaf.AUTORISER);
    }

    private static GatewayRequest authenticated(long id, String convention) {
        GatewayRequest request = new GatewayRequest("r", "CONSULTATION_QF", 0, "127.0.0.1", null, "/");
        request.account(new Account(id, "agent" + id, "791", convention, "N", "P", "e@x.example", "PERSONNE",
                "UTILISATEUR", null, "h", false, 0, null, null, null, null, null, false));
        return request;
    }

    private static AccessPolicy.Demand qf(String profile, String motif) {
        return new AccessPolicy.Demand(true, profile, motif, null);
    }

    @Test
    void anActiveHabilitationGrantsItsProfileOnTheRequest() {
        conventions.put("79-2017-19", convention("79-2017-19", SIGNED, null, SIGNED));
        habilitations.put(1L, List.of(new Habilitation(7, "79-2017-19", "CDAP", "T2", TODAY, null, null, null)));
        GatewayRequest request = authenticated(1, "79-2017-19");

        check.check(request, qf(null, "RESTAURATION_SCOLAIRE"));

        assertThat(request.grant().habilitation()).isEqualTo(7);
        assertThat(request.grant().profile().code()).isEqualTo("T2");
        assertThat(request.profil()).as("the trace's profile").isEqualTo("T2");
        assertThat(request.service()).isEqualTo("CDAP");
        assertThat(request.motif()).isEqualTo("RESTAURATION_SCOLAIRE");
    }

    @Test
    void noGrantWithoutAHabilitationAPurposeOrTheProfileAsked() {
        conventions.put("79-2017-19", convention("79-2017-19", SIGNED, null, SIGNED));
        habilitations.put(1L, List.of(new Habilitation(7, "79-2017-19", "CDAP", "T2", TODAY, null, null, null)));

        GatewayRequest none = authenticated(2, "79-2017-19");
        assertThat(Refusals.problemOf(() -> check.check(none, qf(null, "RESTAURATION_SCOLAIRE"))))
                .isEqualTo(Problem.NO_HABILITATION);
        assertThat(none.grant()).isNull();
        assertThat(Refusals.problemOf(() -> check.check(authenticated(1, "79-2017-19"), qf(null, "VOYAGE"))))
                .isEqualTo(Problem.MOTIF_NOT_ALLOWED);
        assertThat(Refusals.problemOf(() -> check.check(authenticated(1, "79-2017-19"), qf("T5", "RESTAURATION_SCOLAIRE"))))
                .isIn(Problem.FORBIDDEN, Problem.NO_HABILITATION);
        GatewayRequest otherConvention = authenticated(1, "79-AUTRE");
        assertThat(Refusals.problemOf(() -> check.check(otherConvention, qf(null, "RESTAURATION_SCOLAIRE"))))
                .as("a habilitation of another convention than the account's").isEqualTo(Problem.NO_HABILITATION);
    }

    @Test
    void aConventionActsOnlyWithinItsTermAndOnceOpened() {
        conventions.put("ended", convention("ended", SIGNED, TODAY.minusDays(1), SIGNED));
        conventions.put("future", convention("future", TODAY.plusDays(1), null, null));
        conventions.put("closed", convention("closed", SIGNED, null, null));
        conventions.put("open", convention("open", SIGNED, null, SIGNED));

        for (String numero : List.of("ended", "future", "closed")) {
            assertThat(Refusals.problemOf(() -> inForce.check(authenticated(1, numero)))).as(numero)
                    .isEqualTo(Problem.CONVENTION_INACTIVE);
        }
        inForce.check(authenticated(1, "open"));
        inForce.check(authenticated(1, null)); // a CAF administrator has no convention
    }
}
