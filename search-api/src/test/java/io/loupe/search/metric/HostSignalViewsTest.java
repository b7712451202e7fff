package io.loupe.search.metric;

import static io.loupe.search.metric.MetricQueryExecutorTest.MINUTE;
import static io.loupe.search.metric.MetricQueryExecutorTest.SECOND;
import static io.loupe.search.metric.MetricQueryExecutorTest.T0;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LabelMatcher;
import io.loupe.index.api.Labels;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.MetricResolution;
import io.loupe.search.SearchConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Host signals over a node_exporter data set (web-1 found through node_uname_info, web-2 through
 * its instance), an OTLP hostmetrics host (otel-1) and natively pushed series. Counters grow at a
 * steady rate, so every bucket of every host has the same, hand-computed value.
 */
class HostSignalViewsTest {
    private static final long FIRST_SAMPLE = T0 - 5 * MINUTE;
    private static final long END = T0 + 3 * MINUTE;
    private static final Labels WEB1 = Labels.of("instance", "10.0.0.1:9100", "job", "node");
    private static final Labels WEB2 = Labels.of("instance", "web-2:9100", "job", "node");
    private static final Labels OTEL1 = Labels.of("host.name", "otel-1");

    private final InMemoryMetricStore store = new InMemoryMetricStore();

    @BeforeEach
    void nodeExporterAndOtlpHosts() {
        gauge("node_uname_info", WEB1.with("nodename", "web-1").with("sysname", "Linux"), 1);
        cpu(WEB1, "0", 40, 15, 5);
        cpu(WEB1, "1", 50, 8, 2);
        cpu(WEB2, "0", 30, 20, 10);
        cpu(WEB2, "1", 30, 20, 10);
        gauge("node_memory_MemAvailable_bytes", WEB1, 2e9);
        gauge("node_memory_MemTotal_bytes", WEB1, 8e9);
        gauge("node_memory_MemAvailable_bytes", WEB2, 6e9);
        gauge("node_memory_MemTotal_bytes", WEB2, 8e9);
        gauge("node_load1", WEB1, 1.5);
        gauge("node_load1", WEB2, 0.5);
        filesystem(WEB1, "/", "ext4", 40, 100);
        filesystem(WEB1, "/boot", "ext4", 90, 100);
        filesystem(WEB1, "/run", "tmpfs", 0, 100);
        filesystem(WEB1, "/sys/fs/cgroup", "cgroup2", 0, 100);
        counter("node_disk_io_time_seconds_total", WEB1.with("device", "sda"), 30);
        counter("node_disk_io_time_seconds_total", WEB1.with("device", "sdb"), 12);
        counter("node_network_receive_bytes_total", WEB1.with("device", "eth0"), 6000);
        counter("node_network_receive_bytes_total", WEB1.with("device", "eth1"), 3000);
        counter("node_network_receive_bytes_total", WEB1.with("device", "lo"), 60000);
        counter("node_network_transmit_bytes_total", WEB1.with("device", "eth0"), 1200);

        for (String[] state : new String[][] {{"idle", "45"}, {"user", "10"}, {"system", "5"}}) {
            counter("system.cpu.time", OTEL1.with("cpu", "cpu0").with("state", state[0]), Double.parseDouble(state[1]));
        }
        gauge("system.memory.usage", OTEL1.with("state", "used"), 3e9);
        gauge("system.memory.usage", OTEL1.with("state", "free"), 1e9);
        gauge("system.cpu.load_average.1m", OTEL1, 2.0);
        otlpFilesystem("/", "ext4", 30, 70, 0);
        otlpFilesystem("/data", "xfs", 80, 15, 5);
        otlpFilesystem("/dev/shm", "tmpfs", 100, 0, 0);
        counter("system.disk.io_time", OTEL1.with("device", "sda"), 6);
        counter("system.network.io", OTEL1.with("device", "eth0").with("direction", "receive"), 600);
        counter("system.network.io", OTEL1.with("device", "eth0").with("direction", "transmit"), 1200);
        counter("system.network.io", OTEL1.with("device", "lo").with("direction", "receive"), 99999);
    }

    @Test
    void cpuUtilizationIsOneMinusIdleShareOfAllCpuTime() {
        // web-1: idle 90 of 120 cpu-seconds per minute; web-2: 60 of 120; otel-1: 45 of 60
        assertEquals(Map.of("otel-1", 0.25, "web-1", 0.25, "web-2", 0.5), view("host.cpu.utilization"));
    }

    @Test
    void memoryUtilization() {
        assertEquals(Map.of("otel-1", 0.75, "web-1", 0.75, "web-2", 0.25), view("host.memory.utilization"));
    }

    @Test
    void loadIsUnionedWithNativeSeriesWhichWinForTheirHost() {
        assertEquals(Map.of("otel-1", 2.0, "web-1", 1.5, "web-2", 0.5), view("host.load.1m"));
        gauge("host.load.1m", Labels.of("host", "web-1"), 9);
        gauge("host.load.1m", Labels.of("host", "native-1"), 4);
        assertEquals(Map.of("native-1", 4.0, "otel-1", 2.0, "web-1", 9.0, "web-2", 0.5), view("host.load.1m"));
    }

    @Test
    void diskUtilizationIsTheFullestRealFilesystem() {
        // web-1: / is 60% used, /boot 10%; tmpfs and cgroup (100%) are left out. otel-1: /data 80 of 100
        assertEquals(Map.of("otel-1", 0.8, "web-1", 0.6), view("host.disk.utilization"));
    }

    @Test
    void diskIoTimeIsTheBusiestDevice() {
        assertEquals(Map.of("otel-1", 0.1, "web-1", 0.5), view("host.disk.io_time"));
    }

    @Test
    void networkIsTheSumOverDevicesExceptLoopback() {
        assertEquals(Map.of("otel-1", 10.0, "web-1", 150.0), view("host.network.rx"));
        assertEquals(Map.of("otel-1", 20.0, "web-1", 20.0), view("host.network.tx"));
    }

    @Test
    void matchFiltersByHostAndLabelsAreHostOnly() {
        MetricQueryResult result = run("host.cpu.utilization", List.of(LabelMatcher.of("host", LabelMatcher.Op.REGEX, "web-.*")), List.of("host"));
        assertEquals(List.of(Labels.of("host", "web-1"), Labels.of("host", "web-2")), MetricQueryExecutorTest.labelsOf(result));
        assertEquals(MetricResolution.RAW, result.resolution());
    }

    /**
     * A host matcher gives, for every signal and on both a raw and a rollup tier, exactly the
     * unfiltered view's series of the matched hosts, touches the same series, and reads the samples
     * of no more of them (those of a host the matcher leaves out are not read).
     */
    @Test
    void aHostMatcherGivesTheUnfilteredSeriesOfItsHostsAndReadsOnlyTheirs() {
        List<LabelMatcher> selections = List.of(LabelMatcher.equal("host", "web-1"), LabelMatcher.equal("host", "web-2"),
                LabelMatcher.equal("host", "otel-1"), LabelMatcher.of("host", LabelMatcher.Op.REGEX, "web-1|otel-1"),
                LabelMatcher.of("host", LabelMatcher.Op.NOT_EQUAL, "web-2"), LabelMatcher.equal("host", "nowhere"));
        for (long step : new long[] {MINUTE, 5 * MINUTE}) {
            for (HostSignal signal : HostSignal.values()) {
                MetricQueryResult all = runWithStep(signal.metricName(), List.of(), step);
                int readsOfAll = store.rawReads + store.rollupReads;
                for (LabelMatcher selection : selections) {
                    String what = signal + " step " + step + " " + selection;
                    store.rawReads = 0;
                    store.rollupReads = 0;
                    MetricQueryResult some = runWithStep(signal.metricName(), List.of(selection), step);
                    List<MetricQueryResult.Series> expected = all.series().stream()
                            .filter(series -> selection.matches(series.labels().get("host"))).toList();
                    assertEquals(expected.size(), some.series().size(), what);
                    for (int i = 0; i < expected.size(); i++) {
                        assertEquals(expected.get(i).labels(), some.series().get(i).labels(), what);
                        assertArrayEquals(expected.get(i).timestamps(), some.series().get(i).timestamps(), what);
                        assertArrayEquals(expected.get(i).values(), some.series().get(i).values(), what);
                    }
                    assertEquals(all.resolution(), some.resolution(), what);
                    assertEquals(all.seriesTouched(), some.seriesTouched(), what);
                    int reads = store.rawReads + store.rollupReads;
                    String readsText = what + ": " + reads + " reads against " + readsOfAll + " without the matcher";
                    if (selection.value().equals("nowhere")) {
                        assertEquals(0, reads, readsText);
                    } else if (selection.op() == LabelMatcher.Op.EQUAL) {
                        // web-1 and otel-1 each have series of every signal of their kind, so the other one is left unread
                        assertTrue(reads < readsOfAll, readsText);
                    } else {
                        assertTrue(reads <= readsOfAll, readsText);
                    }
                }
                store.rawReads = 0;
                store.rollupReads = 0;
            }
        }
    }

    @Test
    void otherLabelsAndGroupingsAreRefused() {
        LoupeException by = assertThrows(LoupeException.class, () -> run("host.cpu.utilization", List.of(), List.of("mode")));
        assertEquals(ErrorCode.INVALID_PARAMETER, by.code());
        assertTrue(by.getMessage().contains("'by' may only be host"), by.getMessage());
        LoupeException match = assertThrows(LoupeException.class,
                () -> run("host.cpu.utilization", List.of(LabelMatcher.equal("mode", "idle")), List.of()));
        assertEquals(ErrorCode.INVALID_PARAMETER, match.code());
        assertTrue(match.getMessage().contains("match may only filter on host"), match.getMessage());
    }

    @Test
    void theInstanceWithoutItsPortNamesAHostWithoutUnameInfo() {
        assertEquals("web-2", HostIdentity.withoutPort("web-2:9100"));
        assertEquals("::1", HostIdentity.withoutPort("[::1]:9100"));
        assertEquals("fe80::1", HostIdentity.withoutPort("fe80::1"));
        assertEquals("db", HostIdentity.withoutPort("db"));
    }

    /** The constant value of each host's buckets; fails when a host misses a bucket or varies. */
    private Map<String, Double> view(String signal) {
        MetricQueryResult result = run(signal, List.of(), List.of());
        Map<String, Double> byHost = new LinkedHashMap<>();
        for (MetricQueryResult.Series series : result.series()) {
            assertEquals(List.of(T0, T0 + MINUTE, T0 + 2 * MINUTE), longs(series.timestamps()), series.labels().toString());
            assertEquals(List.of("host"), series.labels().names());
            double first = series.values()[0];
            for (double value : series.values()) {
                assertEquals(first, value, 1e-9, series.labels().toString());
            }
            byHost.put(series.labels().get("host"), Math.round(first * 1e9) / 1e9);
        }
        return byHost;
    }

    private MetricQueryResult run(String signal, List<LabelMatcher> matchers, List<String> by) {
        List<LabelMatcher> all = new ArrayList<>(matchers);
        all.addFirst(LabelMatcher.equal("__name__", signal));
        return new MetricQueryExecutor(store, SearchConfig.defaults())
                .execute(new MetricQuery(all, T0, END, MINUTE, MetricFunction.P99, by));
    }

    private MetricQueryResult runWithStep(String signal, List<LabelMatcher> matchers, long step) {
        List<LabelMatcher> all = new ArrayList<>(matchers);
        all.addFirst(LabelMatcher.equal("__name__", signal));
        return new MetricQueryExecutor(store, SearchConfig.defaults())
                .execute(new MetricQuery(all, T0 - 5 * MINUTE, END, step, MetricFunction.AVG, List.of()));
    }

    private static List<Long> longs(long[] values) {
        List<Long> list = new ArrayList<>();
        for (long value : values) {
            list.add(value);
        }
        return list;
    }

    private void cpu(Labels instance, String cpu, double idlePerMinute, double userPerMinute, double systemPerMinute) {
        counter("node_cpu_seconds_total", instance.with("cpu", cpu).with("mode", "idle"), idlePerMinute);
        counter("node_cpu_seconds_total", instance.with("cpu", cpu).with("mode", "user"), userPerMinute);
        counter("node_cpu_seconds_total", instance.with("cpu", cpu).with("mode", "system"), systemPerMinute);
    }

    private void filesystem(Labels instance, String mountpoint, String fstype, double available, double size) {
        Labels labels = instance.with("device", "/dev/x" + mountpoint.length()).with("mountpoint", mountpoint).with("fstype", fstype);
        gauge("node_filesystem_avail_bytes", labels, available);
        gauge("node_filesystem_size_bytes", labels, size);
    }

    private void otlpFilesystem(String mountpoint, String type, double used, double free, double reserved) {
        Labels labels = OTEL1.with("device", "/dev/y" + mountpoint.length()).with("mountpoint", mountpoint).with("type", type);
        gauge("system.filesystem.usage", labels.with("state", "used"), used);
        gauge("system.filesystem.usage", labels.with("state", "free"), free);
        gauge("system.filesystem.usage", labels.with("state", "reserved"), reserved);
    }

    /** A sample every 15 s from 5 minutes before the range to its end. */
    private void gauge(String name, Labels labels, double value) {
        for (long t = FIRST_SAMPLE; t < END; t += 15 * SECOND) {
            store.add(name, labels, t, value);
        }
    }

    private void counter(String name, Labels labels, double perMinute) {
        for (long t = FIRST_SAMPLE; t < END; t += 15 * SECOND) {
            store.add(name, labels, t, 1000 + perMinute * (t - FIRST_SAMPLE) / MINUTE);
        }
    }
}
