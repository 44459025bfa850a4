package fr.cdapgateway.admin;

import java.time.Clock;

import org.springframework.stereotype.Component;

import fr.cdapgateway.config.CafCalendar;

/** What every admin service needs: scope, change and history, and time. */
@Component
record AdminKit(AdminScope scope, AccessChanges changes, HistoryLog history, CafCalendar calendar, Clock clock) {
}
