package io.loupe.search.metric;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LabelMatcher;
import io.loupe.index.api.Labels;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.SeriesRef;
import io.loupe.search.metric.GroupAccumulator.Combination;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Predicate;

/**
 * The canonical host signals ({@link HostSignal}) as views computed at query time, one value per
 * host per bucket, from node_exporter series and from OTLP hostmetrics series, whichever exist,
 * unioned with stored series of exactly the signal's name (an agent may push them natively).
 * Output labels are {@code {host}} only (see {@link HostIdentity} for how a series' host is found).
 * When one host has data from several sources, one source answers for it: native series first,
 * then node_exporter, then OTLP.
 *
 * <table>
 * <caption>Definitions, per step bucket</caption>
 * <tr><th>signal</th><th>node_exporter</th><th>OTLP hostmetrics</th></tr>
 * <tr><td>host.cpu.utilization (0..1)</td>
 *     <td>1 − Σ increase(node_cpu_seconds_total{mode="idle"}) / Σ increase(node_cpu_seconds_total), over all cpus and modes</td>
 *     <td>1 − Σ increase(system.cpu.time{state="idle"}) / Σ increase(system.cpu.time), over all cpus and states</td></tr>
 * <tr><td>host.memory.utilization (0..1)</td>
 *     <td>1 − avg(node_memory_MemAvailable_bytes) / avg(node_memory_MemTotal_bytes)</td>
 *     <td>avg(system.memory.usage{state="used"}) / Σ over states of avg(system.memory.usage)</td></tr>
 * <tr><td>host.load.1m</td><td>avg(node_load1)</td><td>avg(system.cpu.load_average.1m)</td></tr>
 * <tr><td>host.disk.utilization (0..1)</td>
 *     <td>max over filesystems of 1 − avg(node_filesystem_avail_bytes) / avg(node_filesystem_size_bytes)</td>
 *     <td>max over filesystems of avg(system.filesystem.usage{state="used"}) / Σ over states of avg(system.filesystem.usage)</td></tr>
 * <tr><td>host.disk.io_time (busy s/s, 0..1)</td>
 *     <td>max over devices of rate(node_disk_io_time_seconds_total)</td>
 *     <td>max over devices of rate(system.disk.io_time)</td></tr>
 * <tr><td>host.network.rx (bytes/s)</td>
 *     <td>Σ over devices except lo of rate(node_network_receive_bytes_total)</td>
 *     <td>Σ over devices except lo of rate(system.network.io{direction="receive"})</td></tr>
 * <tr><td>host.network.tx (bytes/s)</td>
 *     <td>Σ over devices except lo of rate(node_network_transmit_bytes_total)</td>
 *     <td>Σ over devices except lo of rate(system.network.io{direction="transmit"})</td></tr>
 * </table>
 *
 * <p>A filesystem is one series' labels (node_exporter) or its labels without {@code state}
 * (OTLP); filesystems of type tmpfs, ramfs, devtmpfs, overlay, squashfs, nsfs, proc, sysfs,
 * cgroup*, autofs (label {@code fstype}, or {@code type} for OTLP) are left out. A ratio whose
 * denominator is zero or absent in a bucket gives no point. Native series are averaged per host.
 * The query's {@code fn} is ignored; {@code by} may only be {@code host}; {@code match} may only
 * filter on {@code host}. Rates and increases follow the package's counter rules (lookback, resets,
 * stale markers) and read the tier the query chose.
 *
 * <p>A series whose host the query's {@code host} matchers leave out is selected (it counts as
 * touched, as before) but its samples are not read: every definition above folds series of one host
 * only, so the hosts kept do not depend on it. The correlation and the timeline ask for a few hosts
 * out of many, and reading every host's samples was most of their time.
 *
 * <p>One instance answers one query: not thread-safe.
 */
final class HostSignalViews {
    private static final Set<String> VIRTUAL_FILESYSTEMS = Set.of("tmpfs", "ramfs", "devtmpfs", "overlay", "squashfs",
            "nsfs", "proc", "sysfs", "autofs");

    private final SeriesBudget budget;
    private final SeriesBucketReader reader;
    private final BucketGrid grid;
    private final HostIdentity hosts;
    /** The query's {@code host} matchers, set by {@link #compute}; empty selects every host. */
    private List<LabelMatcher> hostMatchers = List.of();

    HostSignalViews(SeriesBudget budget, SeriesBucketReader reader) {
        this.budget = budget;
        this.reader = reader;
        this.grid = reader.grid();
        this.hosts = new HostIdentity(budget, grid);
    }

    /** The signal per host, sorted by host, hosts without any point left out. */
    List<MetricQueryResult.Series> compute(HostSignal signal, MetricQuery query) {
        hostMatchers = hostMatchers(signal, query);
        Map<String, BucketValues> byHost = new TreeMap<>(nativeSeries(signal));
        computed(signal, true).forEach(byHost::putIfAbsent);
        computed(signal, false).forEach(byHost::putIfAbsent);
        List<MetricQueryResult.Series> series = new ArrayList<>();
        for (Map.Entry<String, BucketValues> entry : byHost.entrySet()) {
            if (selected(entry.getKey()) && entry.getValue().presentCount() > 0) {
                series.add(entry.getValue().toSeries(Labels.of(HostIdentity.HOST, entry.getKey())));
            }
        }
        return series;
    }

    private boolean selected(String host) {
        for (LabelMatcher matcher : hostMatchers) {
            if (!matcher.matches(host)) {
                return false;
            }
        }
        return true;
    }

    private static List<LabelMatcher> hostMatchers(HostSignal signal, MetricQuery query) {
        if (!query.groupBy().isEmpty() && !query.groupBy().equals(List.of(HostIdentity.HOST))) {
            throw new LoupeException(ErrorCode.INVALID_PARAMETER, signal.metricName() + " is a host signal with one series per host; "
                    + "'by' may only be host, got '" + String.join(",", query.groupBy()) + "'");
        }
        List<LabelMatcher> hostMatchers = new ArrayList<>();
        for (LabelMatcher matcher : query.matchers()) {
            if (matcher.name().equals(HostIdentity.HOST)) {
                hostMatchers.add(matcher);
            } else if (matcher.name().equals(LabelMatcher.METRIC_NAME)) {
                if (!matcher.matches(signal.metricName())) {
                    throw new LoupeException(ErrorCode.INVALID_PARAMETER, "match " + matcher + " contradicts metric " + signal.metricName());
                }
            } else {
                throw new LoupeException(ErrorCode.INVALID_PARAMETER, signal.metricName() + " is a host signal computed per host; "
                        + "match may only filter on host (e.g. {host=\"web-3\"}), got " + matcher);
            }
        }
        return hostMatchers;
    }

    private Map<String, BucketValues> nativeSeries(HostSignal signal) {
        Folding<String> average = new Folding<>(MetricFunction.AVG, Combination.POOL);
        forEachSeries(signal.metricName(), MetricFunction.AVG, (labels, buckets) -> {
            String host = hosts.hostOf(labels);
            if (host != null) {
                average.add(host, buckets);
            }
        });
        return average.results();
    }

    private Map<String, BucketValues> computed(HostSignal signal, boolean nodeExporter) {
        return switch (signal) {
            case CPU_UTILIZATION -> nodeExporter
                    ? cpuUtilization("node_cpu_seconds_total", "mode")
                    : cpuUtilization("system.cpu.time", "state");
            case MEMORY_UTILIZATION -> nodeExporter ? nodeMemoryUtilization() : otlpMemoryUtilization();
            case LOAD_1M -> perHost(nodeExporter ? "node_load1" : "system.cpu.load_average.1m", MetricFunction.AVG, Combination.POOL, null);
            case DISK_UTILIZATION -> nodeExporter ? nodeDiskUtilization() : otlpDiskUtilization();
            case DISK_IO_TIME -> perHost(nodeExporter ? "node_disk_io_time_seconds_total" : "system.disk.io_time",
                    MetricFunction.RATE, Combination.MAX, null);
            case NETWORK_RX -> nodeExporter
                    ? perHost("node_network_receive_bytes_total", MetricFunction.RATE, Combination.SUM, HostSignalViews::notLoopback)
                    : perHost("system.network.io", MetricFunction.RATE, Combination.SUM, labels -> notLoopback(labels) && "receive".equals(labels.get("direction")));
            case NETWORK_TX -> nodeExporter
                    ? perHost("node_network_transmit_bytes_total", MetricFunction.RATE, Combination.SUM, HostSignalViews::notLoopback)
                    : perHost("system.network.io", MetricFunction.RATE, Combination.SUM, labels -> notLoopback(labels) && "transmit".equals(labels.get("direction")));
        };
    }

    private Map<String, BucketValues> cpuUtilization(String metric, String modeLabel) {
        Folding<String> idle = new Folding<>(MetricFunction.INCREASE, Combination.SUM);
        Folding<String> all = new Folding<>(MetricFunction.INCREASE, Combination.SUM);
        forEachSeries(metric, MetricFunction.INCREASE, (labels, buckets) -> {
            String host = hosts.hostOf(labels);
            if (host == null) {
                return;
            }
            all.add(host, buckets);
            if ("idle".equals(labels.get(modeLabel))) {
                idle.add(host, buckets);
            }
        });
        return ratioPerKey(idle.results(), all.results(), (idleSeconds, allSeconds) -> 1 - idleSeconds / allSeconds);
    }

    private Map<String, BucketValues> nodeMemoryUtilization() {
        Map<String, BucketValues> available = perHost("node_memory_MemAvailable_bytes", MetricFunction.AVG, Combination.SUM, null);
        Map<String, BucketValues> total = perHost("node_memory_MemTotal_bytes", MetricFunction.AVG, Combination.SUM, null);
        return ratioPerKey(available, total, (availableBytes, totalBytes) -> 1 - availableBytes / totalBytes);
    }

    private Map<String, BucketValues> otlpMemoryUtilization() {
        Folding<String> used = new Folding<>(MetricFunction.AVG, Combination.SUM);
        Folding<String> all = new Folding<>(MetricFunction.AVG, Combination.SUM);
        forEachSeries("system.memory.usage", MetricFunction.AVG, (labels, buckets) -> {
            String host = hosts.hostOf(labels);
            if (host == null) {
                return;
            }
            all.add(host, buckets);
            if ("used".equals(labels.get("state"))) {
                used.add(host, buckets);
            }
        });
        return ratioPerKey(used.results(), all.results(), (usedBytes, allBytes) -> usedBytes / allBytes);
    }

    private Map<String, BucketValues> nodeDiskUtilization() {
        Folding<Filesystem> available = new Folding<>(MetricFunction.AVG, Combination.SUM);
        Folding<Filesystem> size = new Folding<>(MetricFunction.AVG, Combination.SUM);
        forEachSeries("node_filesystem_avail_bytes", MetricFunction.AVG, filesystemFolder(available, "fstype", null));
        forEachSeries("node_filesystem_size_bytes", MetricFunction.AVG, filesystemFolder(size, "fstype", null));
        return maxPerHost(ratioPerKey(available.results(), size.results(), (availableBytes, sizeBytes) -> 1 - availableBytes / sizeBytes));
    }

    private Map<String, BucketValues> otlpDiskUtilization() {
        Folding<Filesystem> used = new Folding<>(MetricFunction.AVG, Combination.SUM);
        Folding<Filesystem> all = new Folding<>(MetricFunction.AVG, Combination.SUM);
        BiConsumer<Labels, SeriesBuckets> toAll = filesystemFolder(all, "type", null);
        BiConsumer<Labels, SeriesBuckets> toUsed = filesystemFolder(used, "type", "used");
        forEachSeries("system.filesystem.usage", MetricFunction.AVG, (labels, buckets) -> {
            toAll.accept(labels, buckets);
            toUsed.accept(labels, buckets);
        });
        return maxPerHost(ratioPerKey(used.results(), all.results(), (usedBytes, allBytes) -> usedBytes / allBytes));
    }

    /** Folds a filesystem series under its host and filesystem; with {@code state}, only series in that state. */
    private BiConsumer<Labels, SeriesBuckets> filesystemFolder(Folding<Filesystem> folding, String typeLabel, String state) {
        return (labels, buckets) -> {
            String type = labels.get(typeLabel);
            if (type != null && (VIRTUAL_FILESYSTEMS.contains(type) || type.startsWith("cgroup"))) {
                return;
            }
            if (state != null && !state.equals(labels.get("state"))) {
                return;
            }
            String host = hosts.hostOf(labels);
            if (host != null) {
                folding.add(new Filesystem(host, labels.with("state", null)), buckets);
            }
        };
    }

    private record Filesystem(String host, Labels labels) {
    }

    private static Map<String, BucketValues> maxPerHost(Map<Filesystem, BucketValues> perFilesystem) {
        Map<String, BucketValues> perHost = new HashMap<>();
        for (Map.Entry<Filesystem, BucketValues> entry : perFilesystem.entrySet()) {
            BucketValues max = perHost.computeIfAbsent(entry.getKey().host(), host -> new BucketValues(entry.getValue().grid()));
            for (int b = 0; b < max.grid().count(); b++) {
                if (entry.getValue().has(b)) {
                    max.max(b, entry.getValue().get(b));
                }
            }
        }
        return perHost;
    }

    private static <K> Map<K, BucketValues> ratioPerKey(Map<K, BucketValues> numerators, Map<K, BucketValues> denominators,
                                                        DoubleBinaryOperator formula) {
        Map<K, BucketValues> result = new LinkedHashMap<>();
        for (Map.Entry<K, BucketValues> denominator : denominators.entrySet()) {
            BucketValues numerator = numerators.get(denominator.getKey());
            if (numerator == null) {
                continue;
            }
            BucketValues nonZero = denominator.getValue().mapDroppingNaN(value -> value == 0 ? Double.NaN : value);
            result.put(denominator.getKey(), BucketValues.combine(numerator, nonZero, formula));
        }
        return result;
    }

    private Map<String, BucketValues> perHost(String metric, MetricFunction function, Combination combination,
                                              Predicate<Labels> filter) {
        Folding<String> folding = new Folding<>(function, combination);
        forEachSeries(metric, function, (labels, buckets) -> {
            String host = hosts.hostOf(labels);
            if (host != null && (filter == null || filter.test(labels))) {
                folding.add(host, buckets);
            }
        });
        return folding.results();
    }

    private static boolean notLoopback(Labels labels) {
        return !"lo".equals(labels.get("device"));
    }

    private void forEachSeries(String metric, MetricFunction function, BiConsumer<Labels, SeriesBuckets> consumer) {
        List<SeriesRef> series = budget.select(List.of(LabelMatcher.equal(LabelMatcher.METRIC_NAME, metric)),
                grid.firstStartMillis(), grid.lastMillis());
        for (SeriesRef ref : series) {
            Labels labels = ref.key().labels();
            if (!hostMatchers.isEmpty()) {
                // the consumers leave out series without a host, and the result leaves out unselected hosts
                String host = hosts.hostOf(labels);
                if (host == null || !selected(host)) {
                    continue;
                }
            }
            consumer.accept(labels, reader.read(ref, function));
        }
    }

    /** One {@link GroupAccumulator} per key. */
    private final class Folding<K> {
        private final MetricFunction function;
        private final Combination combination;
        private final Map<K, GroupAccumulator> groups = new LinkedHashMap<>();

        Folding(MetricFunction function, Combination combination) {
            this.function = function;
            this.combination = combination;
        }

        void add(K key, SeriesBuckets buckets) {
            groups.computeIfAbsent(key, k -> new GroupAccumulator(grid, function, combination)).add(buckets);
        }

        Map<K, BucketValues> results() {
            Map<K, BucketValues> results = new LinkedHashMap<>();
            groups.forEach((key, group) -> results.put(key, group.result()));
            return results;
        }
    }
}
