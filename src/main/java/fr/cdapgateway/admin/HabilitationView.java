package fr.cdapgateway.admin;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;

import fr.cdapgateway.admin.store.HabilitationStore.HabilitationRecord;

/**
 * A habilitation as the admin API answers it and the console shows it: held by a person ({@code utilisateur}) or
 * by a group ({@code groupe}) — the other is left out — with its state today.
 */
public record HabilitationView(long id, String convention,
                               @JsonInclude(JsonInclude.Include.NON_NULL) Long groupe,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String utilisateur,
                               String service, String profil, LocalDate dateDebut, LocalDate dateFin,
                               String statut, String accordeePar, Instant accordeeLe, Instant termineeLe,
                               String termineePar) {

    static HabilitationView of(HabilitationRecord h, LocalDate today) {
        return new HabilitationView(h.id(), h.convention(), h.groupeId(), h.groupeId() == null ? h.utilisateur() : null,
                h.service(), h.profil(), h.dateDebut(), h.dateFin(), h.statut(today), h.grantedBy(), h.grantedAt(),
                h.endedAt(), h.endedBy());
    }

    /** Whether it still counts: active, suspended or yet to start. */
    public boolean open() {
        return HabilitationAdmin.open(statut);
    }
}
