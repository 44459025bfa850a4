package fr.cdapgateway.consultation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import fr.cdapgateway.api.Profile;
import fr.cdapgateway.habilitation.AllowListRulesProbe;
import fr.cdapgateway.support.ProfilesFromConfig;

/** Each profile of config/profiles.yml applied to the full dossier of SPEC §5. */
class FieldFilterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Profile> PROFILES = ProfilesFromConfig.load();
    private static final String DOSSIER = """
            {"numeroAllocataire":"1000042","caf":"791","dateMiseAJour":"2026-11-01",
             "allocataires":[{"nir":"2850375123456","nomNaissance":"MARTIN","nomUsage":"DURAND","prenoms":"CLAIRE",
                              "dateNaissance":"1985-03-12","sexe":"F"}],
             "enfants":[{"nir":null,"nomNaissance":"DURAND","prenoms":"LEO","dateNaissance":"2016-04-11","sexe":"M","aCharge":true}],
             "adresse":{"destinataire":"MME CLAIRE DURAND","complementInformation":null,"numeroLibelleVoie":"12 RUE DES LILAS",
                        "lieuDit":null,"codePostalVille":"79000 NIORT","pays":"FRANCE"},
             "situationFamiliale":"MARIE",
             "quotientsFamiliaux":[{"annee":2026,"mois":9,"valeur":645,"statut":"CALCULE"}],
             "ressources":{"annee":2025,"montantAnnuel":28450.00},
             "prestations":[{"code":"AF","libelle":"Allocations familiales","montantMensuel":148.52,"dateDebut":"2017-01-01","dateFin":null}],
             "rsa":{"beneficiaire":false,"dateDebutDroit":null,"dateFinDroit":null,"montantMensuel":null,"orientation":null},
             "champAjouteDemain":{"secret":"x"}}""";

    private static ObjectNode filtered(String profile) throws Exception {
        return new FieldFilter(PROFILES.get(profile).champs()).read(JSON.createParser(DOSSIER));
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void t2SeesOnlyTheQuotientAndTheNamesOfTheFamily() throws Exception {
        ObjectNode view = filtered("T2");

        assertThat(names(view)).containsExactly("numeroAllocataire", "allocataires", "enfants", "quotientsFamiliaux");
        assertThat(names(view.get("allocataires").get(0))).containsExactly("nomNaissance", "nomUsage", "prenoms");
        assertThat(names(view.get("enfants").get(0))).containsExactly("nomNaissance", "prenoms", "dateNaissance");
    }

    @Test
    void t1SeesEverythingButTheNir() throws Exception {
        ObjectNode view = filtered("T1");

        assertThat(names(view)).containsExactly("numeroAllocataire", "caf", "dateMiseAJour", "allocataires", "enfants",
                "adresse", "situationFamiliale", "quotientsFamiliaux", "ressources", "prestations", "rsa");
        assertThat(view.toString()).doesNotContain("nir", "2850375123456");
        assertThat(view.get("adresse").get("codePostalVille").asText()).isEqualTo("79000 NIORT");
    }

    /** The same dossier with what a backend might add tomorrow, inside every allowed object and array. */
    private static final String DOSSIER_WITH_ADDITIONS = """
            {"numeroAllocataire":"1000042","caf":"791","nouveauChampSensible":"x1",
             "allocataires":[{"nir":"2850375123456","nomNaissance":"MARTIN","nomUsage":"DURAND","prenoms":"CLAIRE",
                              "telephone":"0600000001","nomNaissance2":{"secret":"x2"}}],
             "enfants":[{"nomNaissance":"DURAND","prenoms":"LEO","dateNaissance":"2016-04-11",
                         "handicap":"x3","scolarite":{"ecole":"x4"}}],
             "adresse":{"codePostalVille":"79000 NIORT","coordonneesGps":"x5","pays":{"code":"x6"}},
             "quotientsFamiliaux":[{"annee":2026,"mois":9,"valeur":645,"statut":"CALCULE",
                                    "nouveauChampSensible":"x7","detailRessources":{"salaireConjoint":31999}}],
             "rsa":{"beneficiaire":true,"motifSanction":"x8"},
             "ressources":{"annee":2025,"montantAnnuel":28450.00,"detail":[{"salaire":"x9"}]},
             "prestations":[{"code":"AF","montantMensuel":148.52,"banque":"x10"}]}""";

    @Test
    void fieldsTheBackendAddsInsideAllowedObjectsAreRemovedForEveryProfile() throws Exception {
        for (String profile : PROFILES.keySet()) {
            ObjectNode view = new FieldFilter(PROFILES.get(profile).champs()).read(JSON.createParser(DOSSIER_WITH_ADDITIONS));
            assertThat(view.toString()).as(profile).doesNotContain("nouveauChampSensible", "salaireConjoint",
                    "detailRessources", "telephone", "nomNaissance2", "handicap", "scolarite", "coordonneesGps",
                    "motifSanction", "salaire\"", "banque", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9",
                    "x10", "31999");
        }
        ObjectNode t2 = new FieldFilter(PROFILES.get("T2").champs()).read(JSON.createParser(DOSSIER_WITH_ADDITIONS));
        assertThat(names(t2.get("quotientsFamiliaux").get(0))).containsExactly("annee", "mois", "valeur", "statut");
        // a leaf that arrives as an object is removed, not passed whole
        ObjectNode t1 = new FieldFilter(PROFILES.get("T1").champs()).read(JSON.createParser(DOSSIER_WITH_ADDITIONS));
        assertThat(names(t1.get("adresse"))).containsExactly("codePostalVille");
    }

    @Test
    void t5NeverSeesTheNir() throws Exception {
        assertThat(filtered("T5").toString()).doesNotContain("nir", "2850375123456");
        assertThat(PROFILES.get("T5").champs()).noneMatch(path -> path.contains("nir"));
    }

    @Test
    void everyAllowListNamesOnlyLeaves() {
        PROFILES.forEach((code, profile) -> assertThat(
                AllowListRulesProbe.problems(code, profile.champs(), ProfilesFromConfig.objets())).as(code).isEmpty());
    }

    @Test
    void aShapeOtherThanThePathSaysIsDropped() throws Exception {
        ObjectNode view = new FieldFilter(List.of("enfants[].prenoms", "adresse.pays"))
                .read(JSON.createParser("{\"enfants\":{\"prenoms\":\"LEO\"},\"adresse\":[{\"pays\":\"FRANCE\"}]}"));

        assertThat(names(view)).isEmpty();
    }

    @Test
    void t4AndT18SeeTheWholeKnownDossierIncludingTheNir() throws Exception {
        for (String profile : List.of("T4", "T18")) {
            ObjectNode view = filtered(profile);
            assertThat(view.get("allocataires").get(0).get("nir").asText()).isEqualTo("2850375123456");
            assertThat(names(view)).hasSize(11);
        }
    }

    @Test
    void t5SeesNoQuotientResourcesOrBenefits() throws Exception {
        ObjectNode view = filtered("T5");

        assertThat(names(view)).containsExactly("numeroAllocataire", "caf", "dateMiseAJour", "allocataires", "enfants",
                "adresse", "situationFamiliale", "rsa");
    }

    @Test
    void aFieldTheBackendAddsLaterIsNeverShown() throws Exception {
        for (String profile : PROFILES.keySet()) {
            assertThat(filtered(profile).toString()).as(profile).doesNotContain("champAjouteDemain", "secret");
        }
    }

    @Test
    void onlyProfilesWhoseAllowListHoldsTheQuotientMayReadIt() {
        assertThat(PROFILES.values().stream().filter(Profile::seesQuotientFamilial).map(Profile::code))
                .containsExactlyInAnyOrder("T1", "T2", "T4", "T18");
    }

    @Test
    void aScalarWhereTheAllowListExpectsAnObjectIsDropped() throws Exception {
        ObjectNode view = new FieldFilter(List.of("adresse.codePostalVille"))
                .read(JSON.createParser("{\"adresse\":\"12 RUE DES LILAS 79000 NIORT\"}"));

        assertThat(names(view)).isEmpty();
    }

    @Test
    void whatIsSkippedIsStillParsedSoAMalformedDocumentIsRefused() throws Exception {
        FieldFilter t2 = new FieldFilter(PROFILES.get("T2").champs());

        assertThatThrownBy(() -> t2.read(JSON.createParser("{\"numeroAllocataire\":\"1000042\",\"nir\":[1,}")))
                .isInstanceOf(java.io.IOException.class);
        assertThatThrownBy(() -> t2.read(JSON.createParser("{\"champ\":{\"a\":1,\"a\":2}}")
                .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void plainValuesKeepTheirTypeAndWhatFollowsTheDocumentIsLeftToTheCaller() throws Exception {
        var parser = JSON.createParser("""
                {"numeroAllocataire":"1000042","quotientsFamiliaux":[{"annee":2026,"mois":9,"valeur":12345678901,
                 "statut":null},{"annee":2026,"mois":10,"valeur":645.5,"statut":"CALCULE"}]} {"suite":1}""");
        ObjectNode view = new FieldFilter(PROFILES.get("T2").champs()).read(parser);

        assertThat(view.toString()).isEqualTo("{\"numeroAllocataire\":\"1000042\",\"quotientsFamiliaux\":["
                + "{\"annee\":2026,\"mois\":9,\"valeur\":12345678901,\"statut\":null},"
                + "{\"annee\":2026,\"mois\":10,\"valeur\":645.5,\"statut\":\"CALCULE\"}]}");
        assertThat(parser.nextToken()).isEqualTo(com.fasterxml.jackson.core.JsonToken.START_OBJECT);
    }

    @Test
    void aDocumentThatIsNotAnObjectGivesNothing() throws Exception {
        FieldFilter t1 = new FieldFilter(PROFILES.get("T1").champs());

        assertThat(t1.read(JSON.createParser("[{\"numeroAllocataire\":\"1000042\"}]"))).isEmpty();
        assertThat(t1.read(JSON.createParser("\"1000042\""))).isEmpty();
    }
}
