package io.loupe.search.timeline;

import java.util.List;

/**
 * What one group of a timeline amounts to, over the group's events on the page.
 *
 * @param services   the services its events came from, in the order they first appear (oldest first)
 * @param hosts      the hosts its events came from, in the same order
 * @param firstNanos the time of its oldest event
 * @param lastNanos  the time of its newest event
 * @param worstLevel the highest of its events' normalised levels (trace &lt; debug &lt; info &lt; warn &lt;
 *                   error &lt; fatal); a level word outside these ranks below trace; null when no event has a level
 * @param events     how many events it has
 * @param error      true when an event is of level error or fatal
 */
public record GroupSummary(List<String> services, List<String> hosts, long firstNanos, long lastNanos, String worstLevel,
                           int events, boolean error) {
    public GroupSummary {
        services = List.copyOf(services);
        hosts = List.copyOf(hosts);
    }

    public double durationMillis() {
        return (lastNanos - firstNanos) / 1_000_000.0;
    }
}
