package fr.cdapgateway.habilitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import fr.cdapgateway.api.Profile;
import fr.cdapgateway.support.ProfilesFromConfig;

class AllowListRulesTest {

    private static final Set<String> OBJETS = Set.copyOf(ProfilesFromConfig.objets());

    @Test
    void anEntryNamingAWholeObjectOrArrayIsRefused() {
        for (String whole : List.of("adresse", "quotientsFamiliaux", "quotientsFamiliaux[]", "allocataires",
                "enfants[]", "ressources", "prestations", "rsa")) {
            assertThat(AllowListRules.problems("T2", List.of(whole), OBJETS)).as(whole).singleElement()
                    .asString().contains("names a whole object");
        }
    }

    @Test
    void aLeafThroughAnUndeclaredOrMisShapedObjectIsRefused() {
        assertThat(AllowListRules.problems("T1", List.of("inconnu.champ"), OBJETS)).singleElement().asString()
                .contains("'inconnu' is not an object or array declared");
        assertThat(AllowListRules.problems("T1", List.of("adresse[].pays"), OBJETS)).hasSize(1);
        assertThat(AllowListRules.problems("T1", List.of("allocataires.nom"), OBJETS)).hasSize(1);
        assertThat(AllowListRules.problems("T1", List.of("adresse..pays", "a b"), OBJETS)).hasSize(2);
    }

    @Test
    void leavesThroughDeclaredObjectsAreAccepted() {
        assertThat(AllowListRules.problems("T1", List.of("numeroAllocataire", "adresse.pays",
                "quotientsFamiliaux[].valeur", "enfants[].prenoms"), OBJETS)).isEmpty();
    }

    @Test
    void theStartUpValidationRefusesAProfileThatNamesAnObject() {
        var definition = new ProfileDefinitions.Definition("Action sociale", "x", List.of("numeroAllocataire",
                "adresse"), Profile.Precondition.NONE, 24);

        assertThatThrownBy(() -> new ProfileDefinitions(Map.of("T1", definition),
                new ProfileDefinitions.Dossier(List.copyOf(OBJETS))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("profile T1, field 'adresse': names a whole object");
    }
}
