package io.loupe.ops.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic node_exporter-shaped host metrics for the hosts of {@link EventGenerator}, as
 * Prometheus text with explicit timestamps (the body of {@code POST /api/v1/import/prometheus}):
 * every {@code interval} each host reports the {@value #SERIES_PER_HOST} series that the seven
 * canonical host signals are computed from —
 * <pre>
 * node_cpu_seconds_total{cpu="0",mode="idle"|"user"}        counters  → host.cpu.utilization
 * node_memory_MemTotal_bytes, node_memory_MemAvailable_bytes gauges    → host.memory.utilization
 * node_load1                                                 gauge     → host.load.1m
 * node_filesystem_size_bytes, node_filesystem_avail_bytes    gauges    → host.disk.utilization (fstype ext4, mountpoint /)
 * node_disk_io_time_seconds_total{device="sda"}              counter   → host.disk.io_time
 * node_network_receive|transmit_bytes_total{device="eth0"}   counters  → host.network.rx / tx
 * </pre>
 * each with the labels {@code job="node"}, {@code instance="<host>:9100"} and {@code host}. A host's
 * CPU utilisation follows a daily wave (its phase differs per host) plus noise, and load, disk and
 * network follow it; memory drifts slowly. Counters only rise.
 *
 * <p><b>Invariant:</b> the same seed, start, interval and tick give the same bytes, whatever order
 * the ticks are asked for in (each value is a function of host, tick and seed). Thread-safe.
 */
final class HostMetricsGenerator {
    static final int SERIES_PER_HOST = 10;
    private static final double DAY_MILLIS = 86_400_000.0;
    private static final double MEMORY_TOTAL_BYTES = 16.0 * (1L << 30);
    private static final double DISK_SIZE_BYTES = 200.0 * (1L << 30);

    private final List<String> hosts;
    private final long seed;
    private final long startMillis;
    private final long intervalMillis;
    private final long ticks;

    /**
     * @param hosts       host names, each the {@code host} label of its series
     * @param startMillis the first tick (epoch ms)
     * @param endMillis   ticks fall in {@code [startMillis, endMillis)}
     */
    HostMetricsGenerator(List<String> hosts, long seed, long startMillis, long endMillis, long intervalMillis) {
        if (hosts.isEmpty() || intervalMillis <= 0 || endMillis <= startMillis) {
            throw new IllegalArgumentException("host metrics need hosts, a positive interval and a non-empty span; got "
                    + hosts.size() + " hosts, interval " + intervalMillis + " ms, span " + startMillis + ".." + endMillis);
        }
        this.hosts = List.copyOf(hosts);
        this.seed = seed;
        this.startMillis = startMillis;
        this.intervalMillis = intervalMillis;
        this.ticks = (endMillis - startMillis + intervalMillis - 1) / intervalMillis;
    }

    long ticks() {
        return ticks;
    }

    long tickMillis(long tick) {
        return startMillis + tick * intervalMillis;
    }

    /** Samples in the whole span: hosts × ticks × {@value #SERIES_PER_HOST}. */
    long samples() {
        return (long) hosts.size() * ticks * SERIES_PER_HOST;
    }

    /** Samples in {@link #body(long, long)} of these ticks. */
    long samples(long fromTick, long toTick) {
        return (long) hosts.size() * (toTick - fromTick) * SERIES_PER_HOST;
    }

    /** Every host's samples of ticks {@code [fromTick, toTick)} as Prometheus text, in UTF-8. */
    byte[] body(long fromTick, long toTick) {
        if (fromTick < 0 || toTick > ticks || fromTick >= toTick) {
            throw new IllegalArgumentException("ticks " + fromTick + ".." + toTick + " are not within 0.." + ticks);
        }
        StringBuilder out = new StringBuilder((int) Math.min(Integer.MAX_VALUE / 2, samples(fromTick, toTick) * 130));
        for (long tick = fromTick; tick < toTick; tick++) {
            for (int h = 0; h < hosts.size(); h++) {
                scrape(out, h, tick);
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void scrape(StringBuilder out, int host, long tick) {
        long t = tickMillis(tick);
        String name = hosts.get(host);
        String target = "host=\"" + name + "\",instance=\"" + name + ":9100\",job=\"node\"";
        double seconds = tick * (intervalMillis / 1000.0);
        double busySeconds = busySecondsUpTo(host, tick);
        double idleSeconds = seconds - busySeconds;
        double utilization = cpuUtilization(host, tick);
        double phase = phase(host);
        double memoryUsed = 0.45 + 0.1 * Math.sin(2 * Math.PI * t / DAY_MILLIS / 3 + phase) + 0.02 * noise(host, tick, 1);
        double diskUsed = 0.40 + 0.2 * host / hosts.size() + 0.05 * (t - startMillis) / DAY_MILLIS;
        line(out, "node_cpu_seconds_total", "cpu=\"0\"," + target + ",mode=\"idle\"", offset(host, 1) + idleSeconds, t);
        line(out, "node_cpu_seconds_total", "cpu=\"0\"," + target + ",mode=\"user\"", offset(host, 2) + busySeconds, t);
        line(out, "node_memory_MemTotal_bytes", target, MEMORY_TOTAL_BYTES, t);
        line(out, "node_memory_MemAvailable_bytes", target, Math.rint(MEMORY_TOTAL_BYTES * (1 - memoryUsed)), t);
        line(out, "node_load1", target, Math.round(100 * Math.max(0, 4 * utilization + 0.3 * noise(host, tick, 2))) / 100.0, t);
        String filesystem = "device=\"/dev/sda1\",fstype=\"ext4\"," + target + ",mountpoint=\"/\"";
        line(out, "node_filesystem_size_bytes", filesystem, DISK_SIZE_BYTES, t);
        line(out, "node_filesystem_avail_bytes", filesystem, Math.rint(DISK_SIZE_BYTES * (1 - diskUsed) / 4096) * 4096, t);
        line(out, "node_disk_io_time_seconds_total", "device=\"sda\"," + target, offset(host, 3) + 0.3 * busySeconds, t);
        line(out, "node_network_receive_bytes_total", "device=\"eth0\"," + target,
                Math.rint(offset(host, 4) * 1e6 + 2_000_000.0 * busySeconds), t);
        line(out, "node_network_transmit_bytes_total", "device=\"eth0\"," + target,
                Math.rint(offset(host, 5) * 1e6 + 800_000.0 * busySeconds), t);
    }

    private static void line(StringBuilder out, String name, String labels, double value, long t) {
        out.append(name).append('{').append(labels).append("} ");
        if (value == Math.rint(value) && Math.abs(value) < 0x1p53) {
            out.append((long) value);
        } else {
            out.append(value);
        }
        out.append(' ').append(t).append('\n');
    }

    /** CPU busy fraction at a tick, in [0.02, 0.98]: a daily wave with a phase per host, plus noise. */
    double cpuUtilization(int host, long tick) {
        double wave = 0.30 + 0.20 * Math.sin(2 * Math.PI * tickMillis(tick) / DAY_MILLIS + phase(host));
        return Math.clamp(wave + 0.05 * noise(host, tick, 0), 0.02, 0.98);
    }

    /** Busy CPU seconds from the first tick to this one: the sum of each interval's utilisation × its length. */
    private double busySecondsUpTo(int host, long tick) {
        // a closed form keeps ticks independent: the integral of the wave, plus the noise of the last tick only
        double seconds = intervalMillis / 1000.0;
        double omega = 2 * Math.PI / DAY_MILLIS;
        double from = tickMillis(0);
        double to = tickMillis(tick);
        double waveIntegralMillis = 0.30 * (to - from)
                - 0.20 / omega * (Math.cos(omega * to + phase(host)) - Math.cos(omega * from + phase(host)));
        return Math.max(0, waveIntegralMillis / 1000.0 + 0.05 * seconds * noise(host, tick, 0));
    }

    private double phase(int host) {
        return 2 * Math.PI * host / hosts.size();
    }

    /** Where a host's counter started (the exporter has been up a while): a few days of seconds. */
    private double offset(int host, int series) {
        return 100_000 + new SplittableRandom(seed * 31 + host * 17L + series).nextInt(400_000);
    }

    /** Noise in [-1, 1), a function of host, tick and stream only. */
    private double noise(int host, long tick, int stream) {
        long mixed = seed ^ (host * 0x9E3779B97F4A7C15L) ^ (tick * 0xC2B2AE3D27D4EB4FL) ^ (stream * 0x165667B19E3779F9L);
        return new SplittableRandom(mixed).nextDouble() * 2 - 1;
    }
}
