package fr.cdapgateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DossierGeneratorTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @Test
    void theSameNumberGivesTheSameFamilyOnEveryRun() {
        assertThat(DossierGenerator.dossier("1012345", TODAY)).isEqualTo(DossierGenerator.dossier("1012345", TODAY));
        assertThat(DossierGenerator.dossier("1012345", TODAY)).isNotEqualTo(DossierGenerator.dossier("1012346", TODAY));
    }

    @Test
    void onlyTheDocumentedRangeAndFixedCasesExist() {
        assertThat(DossierGenerator.dossier("1000000", TODAY)).isPresent();
        assertThat(DossierGenerator.dossier("1099999", TODAY)).isPresent();
        assertThat(DossierGenerator.dossier("0999999", TODAY)).isEmpty();
        assertThat(DossierGenerator.dossier("1100000", TODAY)).isEmpty();
        assertThat(DossierGenerator.dossier("9999999", TODAY)).isEmpty();
        for (String fixed : List.of("9999001", "9999002", "9999101", "9999102", "9999103", "9999104")) {
            assertThat(DossierGenerator.dossier(fixed, TODAY)).as(fixed).isPresent();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void quotientHistoryCoversTheCurrentMonthAndTheTwentyFourBefore() {
        Map<String, Object> dossier = DossierGenerator.dossier("1050000", TODAY).orElseThrow();
        List<Map<String, Object>> history = (List<Map<String, Object>>) dossier.get("quotientsFamiliaux");

        assertThat(history).hasSize(25);
        assertThat(history.get(0)).containsEntry("annee", 2026).containsEntry("mois", 11);
        assertThat(history.get(24)).containsEntry("annee", 2024).containsEntry("mois", 11);
        assertThat(dossier.get("caf")).isEqualTo("501");
    }

    @Test
    @SuppressWarnings("unchecked")
    void fixedCasesHaveTheirDocumentedQuotientAndRsaRight() {
        var nonConnu = (List<Map<String, Object>>) DossierGenerator.dossier("9999001", TODAY).orElseThrow()
                .get("quotientsFamiliaux");
        assertThat(nonConnu).allSatisfy(q -> assertThat(q).containsEntry("statut", "NON_CONNU").containsEntry("valeur", null));
        var sansDroit = (List<Map<String, Object>>) DossierGenerator.dossier("9999002", TODAY).orElseThrow()
                .get("quotientsFamiliaux");
        assertThat(sansDroit).allSatisfy(q -> assertThat(q).containsEntry("statut", "SANS_DROIT"));

        assertThat(rsa("9999101")).containsEntry("beneficiaire", true).containsEntry("dateFinDroit", null);
        assertThat(rsa("9999102")).containsEntry("dateFinDroit", "2025-05-22");
        assertThat(rsa("9999103")).containsEntry("dateFinDroit", "2024-05-22");
        assertThat(rsa("9999104")).containsEntry("dateDebutDroit", null);
    }

    @Test
    void theShowcaseFamilyIsTheOneOfTheSpec() {
        Map<String, Object> dossier = DossierGenerator.dossier("1000042", TODAY).orElseThrow();

        assertThat(dossier.toString()).contains("CLAIRE", "DURAND", "MARTIN", "LEO", "12 RUE DES LILAS", "valeur=645");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rsa(String numero) {
        return (Map<String, Object>) DossierGenerator.dossier(numero, TODAY).orElseThrow().get("rsa");
    }
}
