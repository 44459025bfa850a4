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
 * Planned maintenance windows (SPEC §11): from configuration ({@code gateway.maintenances}) and from the admin
 * API. Kept in memory so that checking them costs nothing per request; reloaded at once when this instance
 * adds one, and every few seconds for the windows another instance added.
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

    /** The window in force now, if any. */
    public Optional<Maintenance> current() {
        Instant now = clock.instant();
        return windows.stream().filter(w -> w.covers(now)).findFirst();
    }

    /** The current and upcoming windows, soonest first. */
    public List<Maintenance> upcoming() {
        Instant now = clock.instant();
        return windows.stream().filter(w -> w.fin().isAfter(now)).toList();
    }

    public long announce(Instant debut, Instant fin, String message, String by) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into maintenance (debut, fin, message, creee_par, creee_le)
                values (:debut, :fin, :message, :by, :now)""")
                .param("debut", SqlTime.utc(debut)).param("fin", SqlTime.utc(fin))
                .param("message", message).param("by", by).param("now", SqlTime.utc(clock.instant()))
                .update(key, "id");
        reload();
        return key.getKey().longValue();
    }

    @Scheduled(fixedDelayString = "${gateway.admin.invalidation-poll:1s}", initialDelay = 5000)
    void reload() {
        List<Maintenance> all = new ArrayList<>(properties.maintenances());
        all.addAll(jdbc.sql("select debut, fin, message from maintenance where fin > :since order by debut")
                .param("since", SqlTime.utc(clock.instant().minus(Duration.ofDays(1))))
                .query((rs, row) -> new Maintenance(rs.getTimestamp("debut").toInstant(),
                        rs.getTimestamp("fin").toInstant(), rs.getString("message")))
                .list());
        all.sort(Comparator.comparing(Maintenance::debut));
        windows = List.copyOf(all);
    }
}
