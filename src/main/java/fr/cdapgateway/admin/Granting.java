package fr.cdapgateway.admin;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Component;

import fr.cdapgateway.admin.store.GroupStore;
import fr.cdapgateway.admin.store.HabilitationStore.Grant;
import fr.cdapgateway.admin.store.HabilitationStore.HabilitationRecord;
import fr.cdapgateway.admin.store.HabilitationStore;
import fr.cdapgateway.admin.store.UserStore;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.config.CafCalendar;

/**
 * Grants and ends habilitations, and adds group members, within the convention's quotas — each in one
 * transaction holding the quota rows it counts against, so that concurrent grants can never exceed a quota.
 */
@Component
class Granting {

    private final HabilitationStore habilitations;
    private final GroupStore groups;
    private final QuotaLedger quotas;
    private final AccessChanges changes;
    private final HistoryLog history;
    private final CafCalendar calendar;
    private final Clock clock;

    Granting(HabilitationStore habilitations, GroupStore groups, QuotaLedger quotas, AccessChanges changes,
             HistoryLog history, CafCalendar calendar, Clock clock) {
        this.habilitations = habilitations;
        this.groups = groups;
        this.quotas = quotas;
        this.changes = changes;
        this.history = history;
        this.calendar = calendar;
        this.clock = clock;
    }

    /**
     * Grants of one convention queue here, one at a time per instance, before they take a database connection:
     * 50 concurrent grants would otherwise hold every connection of the pool while they wait on the one quota row,
     * and the last ones would fail on the pool instead of being counted. Across instances the row lock decides.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.locks.ReentrantLock> queues =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final long QUEUE_WAIT_SECONDS = 20;

    private <T> T inQueue(String convention, java.util.function.Supplier<T> change) {
        java.util.concurrent.locks.ReentrantLock queue = queues.computeIfAbsent(convention,
                c -> new java.util.concurrent.locks.ReentrantLock(true));
        boolean acquired;
        try {
            acquired = queue.tryLock(QUEUE_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new ProblemException(Problem.GATEWAY_UNAVAILABLE,
                    "Trop d'attributions simultanées pour cette convention : réessayez dans quelques instants.");
        }
        try {
            return change.get();
        } finally {
            queue.unlock();
        }
    }

    long grant(Grant grant, String actor, String reason) {
        return inQueue(grant.convention(), () -> grantNow(grant, actor, reason));
    }

    private long grantNow(Grant grant, String actor, String reason) {
        return changes.apply(() -> {
            int maximum = quotas.lockMaximum(grant.convention(), grant.service(), grant.profil())
                    .orElseThrow(() -> quotas.notSubscribed(grant.service(), grant.profil()));
            if (habilitations.holds(grant, calendar.today())) {
                throw new ProblemException(Problem.CONFLICT,
                        "Une habilitation ouverte avec le profil " + grant.profil() + " existe déjà.");
            }
            long id = habilitations.insert(grant, actor, clock.instant());
            quotas.check(grant.convention(), grant.service(), grant.profil(), maximum, calendar.today());
            history.record(actor, grant.convention(), HistoryLog.Kind.HABILITATION, id, "ATTRIBUTION",
                    (grant.utilisateurId() != null ? "utilisateur " + grant.utilisateurId() : "groupe " + grant.groupeId())
                            + ", " + grant.service() + " " + grant.profil() + " du " + grant.dateDebut()
                            + (grant.dateFin() == null ? "" : " au " + grant.dateFin()) + (reason == null ? "" : ", " + reason));
            return id;
        });
    }

    void end(HabilitationRecord habilitation, String actor, String reason) {
        changes.apply(() -> {
            habilitations.end(habilitation.id(), actor, clock.instant());
            history.record(actor, habilitation.convention(), HistoryLog.Kind.HABILITATION, habilitation.id(), "FIN",
                    reason);
            return null;
        });
    }

    /** A new member counts against the quota of every profile the group holds. */
    void addMember(GroupStore.GroupRecord group, UserStore.UserRecord user, String actor) {
        inQueue(group.convention(), () -> addMemberNow(group, user, actor));
    }

    private Void addMemberNow(GroupStore.GroupRecord group, UserStore.UserRecord user, String actor) {
        return changes.apply(() -> {
            List<HabilitationRecord> held = habilitations.openOfGroup(group.id(), calendar.today()).stream()
                    .sorted(Comparator.comparing(HabilitationRecord::profil)).toList();
            // lock in a fixed order (by profile) so two concurrent additions cannot deadlock
            List<Integer> maxima = held.stream()
                    .map(h -> quotas.lockMaximum(h.convention(), h.service(), h.profil()).orElse(0)).toList();
            if (!groups.addMember(group.id(), user.id(), actor, clock.instant())) {
                return null;
            }
            for (int i = 0; i < held.size(); i++) {
                HabilitationRecord h = held.get(i);
                quotas.check(h.convention(), h.service(), h.profil(), maxima.get(i), calendar.today());
            }
            history.record(actor, group.convention(), HistoryLog.Kind.GROUPE, group.id(), "AJOUT_MEMBRE", user.login());
            return null;
        });
    }
}
