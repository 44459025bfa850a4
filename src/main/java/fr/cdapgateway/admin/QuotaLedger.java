package fr.cdapgateway.admin;

import java.time.LocalDate;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;

/**
 * Places used against a convention's quota of habilitations per service and profile (SPEC §8): the number of
 * distinct persons holding an active or upcoming habilitation, directly or through a group (counted per
 * member). Enforced atomically: the quota row is locked ({@code for update}) for the whole granting transaction,
 * so concurrent grants are counted one after the other, on H2 and on PostgreSQL alike.
 */
@Component
class QuotaLedger {

    private final JdbcClient jdbc;

    QuotaLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the quota row until the transaction ends; empty when the convention does not subscribe the profile. */
    Optional<Integer> lockMaximum(String convention, String service, String profil) {
        return jdbc.sql("""
                select maximum from convention_quota
                 where convention = :convention and service = :service and profil = :profil for update""")
                .param("convention", convention).param("service", service).param("profil", profil)
                .query(Integer.class).optional();
    }

    int used(String convention, String service, String profil, LocalDate today) {
        return jdbc.sql("""
                select count(distinct x.uid) from (
                    select h.utilisateur_id as uid from habilitation h
                     where h.convention = :convention and h.service = :service and h.profil = :profil
                       and h.utilisateur_id is not null and h.terminee_le is null
                       and (h.date_fin is null or h.date_fin >= :today)
                    union all
                    select m.utilisateur_id as uid from habilitation h join groupe_membre m on m.groupe_id = h.groupe_id
                     where h.convention = :convention and h.service = :service and h.profil = :profil
                       and h.groupe_id is not null and h.terminee_le is null
                       and (h.date_fin is null or h.date_fin >= :today)
                ) x join utilisateur u on u.id = x.uid
                where u.devalide_le is null and u.type = 'PERSONNE'""")
                .param("convention", convention).param("service", service).param("profil", profil)
                .param("today", today)
                .query(Integer.class).single();
    }

    /** Inside the granting transaction, after the change: refuses (and so rolls back) when it went over. */
    void check(String convention, String service, String profil, int maximum, LocalDate today) {
        int used = used(convention, service, profil, today);
        if (used > maximum) {
            throw new ProblemException(Problem.HABILITATION_QUOTA_REACHED,
                    "Le quota de la convention pour le profil " + profil + " est atteint (" + maximum
                            + " habilitations au plus).");
        }
    }

    ProblemException notSubscribed(String service, String profil) {
        return new ProblemException(Problem.PROFILE_NOT_SUBSCRIBED,
                "La convention n'a pas souscrit le profil " + profil + " du service " + service + ".");
    }
}
