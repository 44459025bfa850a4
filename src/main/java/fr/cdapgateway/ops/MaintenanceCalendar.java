package fr.cdapgateway.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import fr.cdapgateway.config.GatewayProperties;
import fr.cdapgateway.config.GatewayProperties.Maintenance;
import fr.cdapgateway.config.SqlTime;

/**
 * Planned maintenance windows (SPEC §11): from configuration ({@code gateway.maintenances}, every CAF) and from
 * the admin API (the declaring CAF's partners only; cancellable). Kept in memory so that checking them costs
 * nothing per request; reloaded at once when this instance changes one, and every few seconds for the windows
 * another instance changed.
 */
@Component
public class MaintenanceCalendar {

    private final JdbcClient jdbc;
    private final GatewayProperties properties;
    private final Clock clock;
    private volatile List<Maintenance> windows = List.of();

    MaintenanceCalendar(JdbcClient jdbc, GatewayProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        reload();
    }

    /** The window in force now for the partners of this CAF, if any. */
    public Optional<Maintenance> current(String caf) {
        Instant now = clock.instant();
        return windows.stream().filter(w -> w.covers(now) && w.concerns(caf)).findFirst();
    }

    /** Whether a window is in force now for at least one CAF. */
    public boolean anyCurrent() {
        Instant now = clock.instant();
        return windows.stream().anyMatch(w -> w.covers(now));
    }

    /** The current and upcoming windows of every CAF, soonest first. */
    public List<Maintenance> upcoming() {
        Instant now = clock.instant();
        return windows.stream().filter(w -> w.fin().isAfter(now)).toList();
    }

    public long announce(String caf, Instant debut, Instant fin, String message, String by) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into maintenance (caf, debut, fin, message, creee_par, creee_le)
                values (:caf, :debut, :fin, :message, :by, :now)""")
                .param("caf", caf).param("debut", SqlTime.utc(debut)).param("fin", SqlTime.utc(fin))
                .param("message", message).param("by", by).param("now", SqlTime.utc(clock.instant()))
                .update(key, "id");
        reload();
        return key.getKey().longValue();
    }

    /** Cancels a window of this CAF that has not ended yet; false when there is no such window. */
    public boolean cancel(long id, String caf, String by) {
        int cancelled = jdbc.sql("""
                update maintenance set annulee_le = :now, annulee_par = :by
                 where id = :id and caf = :caf and annulee_le is null and fin > :now""")
                .param("now", SqlTime.utc(clock.instant())).param("by", by).param("id", id).param("caf", caf)
                .update();
        reload();
        return cancelled == 1;
    }

    /** Reads the windows again (every second, and at once after a change is committed). */
    @Scheduled(fixedDelayString = "${gateway.admin.invalidation-poll:1s}", initialDelay = 5000)
    public void reload() {
        List<Maintenance> all = new ArrayList<>(properties.maintenances());
        all.addAll(jdbc.sql("""
                select id, caf, debut, fin, message from maintenance
                 where fin > :since and annulee_le is null order by debut""")
                .param("since", SqlTime.utc(clock.instant().minus(Duration.ofDays(1))))
                .query((rs, row) -> new Maintenance(rs.getLong("id"), rs.getTimestamp("debut").toInstant(),
                        rs.getTimestamp("fin").toInstant(), rs.getString("message"), rs.getString("caf")))
                .list());
        all.sort(Comparator.comparing(Maintenance::debut));
        windows = List.copyOf(all);
    }
}
