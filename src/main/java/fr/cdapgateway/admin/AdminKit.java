package fr.cdapgateway.admin;

import java.time.Clock;

import org.springframework.stereotype.Component;

import fr.cdapgateway.api.Answers;
import fr.cdapgateway.api.JsonBodies;
import fr.cdapgateway.config.CafCalendar;

/** What every admin resource needs: scope, change and history, request reading, answers and time. */
@Component
record AdminKit(AdminScope scope, AccessChanges changes, HistoryLog history, JsonBodies bodies, Answers answers,
                CafCalendar calendar, Clock clock) {
}
