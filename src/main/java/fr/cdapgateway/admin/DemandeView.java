package fr.cdapgateway.admin;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A request filed with the CAF (SPEC §14.2): what is asked, by whom, and how it was decided; the contacts or the
 * administrator change it proposes, as filed; the group's name where the request is about a group and it is
 * listed for people.
 */
public record DemandeView(long id, String convention, String nature, String utilisateur, Long groupe,
                          Long habilitation, String service, String profil, LocalDate dateDebut, LocalDate dateFin,
                          String statut, String demandeePar, Instant demandeeLe, String decideePar,
                          Instant decideeLe, String motif, JsonNode interlocuteurs,
                          JsonNode changementAdministrateur,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String groupeNom) {

    /** The same request, listed with its group's name. */
    DemandeView named(String name) {
        return new DemandeView(id, convention, nature, utilisateur, groupe, habilitation, service, profil, dateDebut,
                dateFin, statut, demandeePar, demandeeLe, decideePar, decideeLe, motif, interlocuteurs,
                changementAdministrateur, name);
    }
}
