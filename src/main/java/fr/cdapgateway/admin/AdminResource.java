package fr.cdapgateway.admin;

import java.time.Clock;

import fr.cdapgateway.config.CafCalendar;

/**
 * An admin service, Camel-free: the admin API's routes and the web console's controllers are both thin adapters over
 * it. Its collaborators come from the {@link AdminKit}.
 */
abstract class AdminResource {

    protected final AdminScope scope;
    protected final AccessChanges changes;
    protected final HistoryLog history;
    protected final CafCalendar calendar;
    protected final Clock clock;

    AdminResource(AdminKit kit) {
        this.scope = kit.scope();
        this.changes = kit.changes();
        this.history = kit.history();
        this.calendar = kit.calendar();
        this.clock = kit.clock();
    }
}
