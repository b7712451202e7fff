package io.loupe.search.metric;

import io.loupe.index.api.LabelMatcher;
import io.loupe.index.api.Labels;
import io.loupe.index.api.SeriesRef;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which host a series measures, for the host signal views. In order: its {@code host} label; its
 * {@code host.name} or {@code host_name} label (OTLP resource attribute, as mapped by shippers);
 * the {@code nodename} of the {@code node_uname_info} series with the same {@code instance} label;
 * the {@code instance} label without its port ({@code web-3:9100} → {@code web-3},
 * {@code [::1]:9100} → {@code ::1}). A series with none of these has no host and is left out.
 * The {@code node_uname_info} series are read once, on first need, and count as touched series.
 */
final class HostIdentity {
    static final String HOST = "host";
    static final String UNAME_INFO = "node_uname_info";

    private final SeriesBudget budget;
    private final BucketGrid grid;
    private Map<String, String> nodenameByInstance;

    HostIdentity(SeriesBudget budget, BucketGrid grid) {
        this.budget = budget;
        this.grid = grid;
    }

    /** The host of a series, or null. */
    String hostOf(Labels labels) {
        for (String name : List.of(HOST, "host.name", "host_name")) {
            String value = labels.get(name);
            if (value != null) {
                return value;
            }
        }
        String instance = labels.get("instance");
        if (instance == null) {
            return null;
        }
        String nodename = nodenames().get(instance);
        return nodename != null ? nodename : withoutPort(instance);
    }

    static String withoutPort(String instance) {
        if (instance.startsWith("[")) {
            int close = instance.indexOf(']');
            return close > 0 ? instance.substring(1, close) : instance;
        }
        int colon = instance.indexOf(':');
        if (colon < 0 || colon != instance.lastIndexOf(':')) {
            return instance;
        }
        String port = instance.substring(colon + 1);
        return !port.isEmpty() && port.chars().allMatch(Character::isDigit) ? instance.substring(0, colon) : instance;
    }

    private Map<String, String> nodenames() {
        if (nodenameByInstance == null) {
            nodenameByInstance = new HashMap<>();
            List<SeriesRef> unames = budget.select(List.of(LabelMatcher.equal(LabelMatcher.METRIC_NAME, UNAME_INFO)),
                    grid.firstStartMillis() - SeriesBucketReader.LOOKBACK_MILLIS, grid.lastMillis());
            for (SeriesRef uname : unames) {
                String instance = uname.key().labels().get("instance");
                String nodename = uname.key().labels().get("nodename");
                if (instance != null && nodename != null) {
                    nodenameByInstance.put(instance, nodename);
                }
            }
        }
        return nodenameByInstance;
    }
}
