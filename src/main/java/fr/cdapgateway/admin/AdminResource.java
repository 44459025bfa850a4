package fr.cdapgateway.admin;

import java.time.Clock;

import fr.cdapgateway.api.Answers;
import fr.cdapgateway.api.JsonBodies;
import fr.cdapgateway.config.CafCalendar;

/** An admin resource: the collaborators every one of them uses, taken from the {@link AdminKit}. */
abstract class AdminResource {

    protected final AdminScope scope;
    protected final AccessChanges changes;
    protected final HistoryLog history;
    protected final JsonBodies bodies;
    protected final Answers answers;
    protected final CafCalendar calendar;
    protected final Clock clock;

    AdminResource(AdminKit kit) {
        this.scope = kit.scope();
        this.changes = kit.changes();
        this.history = kit.history();
        this.bodies = kit.bodies();
        this.answers = kit.answers();
        this.calendar = kit.calendar();
        this.clock = kit.clock();
    }
}
