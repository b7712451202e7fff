package io.loupe.search.correlate;

import io.loupe.search.metric.BucketGrid;
import io.loupe.search.metric.HostSignal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the buckets where a host's log rate and one of its host signals move together. Pure: it
 * reads only the series it is given. The method, per host:
 * <ol>
 *   <li><b>Log spikes.</b> For the host's error series (hits of level error or fatal), then for all
 *       its hits: the baseline is the median count per bucket over the window, the spread
 *       1.4826 × MAD, at least √max(median, 1) (counts vary by about their square root even when
 *       nothing happens). A bucket spikes when its count is at least {@value #MIN_SPIKE_COUNT}, at
 *       least {@value #MIN_RISE} × max(median, 1), and at least {@value #SPIKE_Z} spreads above the
 *       median. Consecutive spiking buckets form one spike; its peak is its largest count.</li>
 *   <li><b>Signal moves.</b> For each host signal with a point in at least {@value #MIN_BUCKETS}
 *       buckets: baseline = median, spread = 1.4826 × MAD over the window's points. The signal moved
 *       at a bucket within {@value #LAG_BUCKETS} bucket of the spike (agents sample on their own
 *       clock) when it lies at least {@value #SPIKE_Z} spreads from its median (any change of a flat
 *       series counts) <em>and</em> by at least the signal's minimum change: 0.10 for the utilizations
 *       and disk io time (0..1), max(0.5, half the median) for load, max(1 KiB/s, half the median) for
 *       network bytes per second. The largest such move is reported.</li>
 *   <li><b>Score.</b> Pearson's r between the log series and the signal over the buckets where both
 *       have a value (at least {@value #MIN_BUCKETS}), with the signal shifted by the move's lag (0
 *       when it moved inside the spike, ±1 beside it). A move counts only with |r| ≥
 *       {@value #MIN_CORRELATION} and r of the same sign as the move (a rise with more logs, or a fall
 *       with more logs, as for network traffic that stops). The score is |r|.</li>
 * </ol>
 * A spike of the error series is reported rather than the same spike of all hits. A window of fewer
 * than {@value #MIN_BUCKETS} buckets has no findings. So a flat series, a signal that moves while the
 * host's logs do not, and a log spike while every signal stays put all give none: a healthy host is
 * never named. Findings are sorted by score, then by log count.
 */
public final class FindingDetector {
    static final int MIN_BUCKETS = 6;
    static final long MIN_SPIKE_COUNT = 5;
    static final double MIN_RISE = 2.0;
    static final double SPIKE_Z = 3.0;
    static final double MIN_CORRELATION = 0.3;
    static final int LAG_BUCKETS = 1;
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private FindingDetector() {
    }

    /** The findings of every host, best first. Every series of a host has {@code grid.count()} buckets. */
    public static List<Finding> detect(BucketGrid grid, List<HostSeries> hosts) {
        List<Finding> findings = new ArrayList<>();
        if (grid.count() >= MIN_BUCKETS) {
            for (HostSeries host : hosts) {
                findings.addAll(forHost(grid, host));
            }
        }
        findings.sort(Comparator.comparingDouble(Finding::score).reversed()
                .thenComparing(Comparator.comparingLong(Finding::logCount).reversed())
                .thenComparing(Finding::host)
                .thenComparing(Finding::signal));
        return findings;
    }

    /** Consecutive spiking buckets {@code [first, last]} of a log series, peaking at {@code peak}. */
    private record Spike(int first, int last, int peak) {
    }

    private static List<Finding> forHost(BucketGrid grid, HostSeries host) {
        List<Finding> found = new ArrayList<>();
        for (Finding.Series series : Finding.Series.values()) {
            double[] logs = asDoubles(series == Finding.Series.ERRORS ? host.errors() : host.histogram());
            Baseline logBaseline = Baseline.of(logs);
            logBaseline = logBaseline.withSpreadAtLeast(Math.sqrt(Math.max(logBaseline.median(), 1)));
            List<Spike> spikes = spikes(logs, logBaseline);
            for (Map.Entry<HostSignal, double[]> signal : host.signals().entrySet()) {
                double[] values = signal.getValue();
                Baseline signalBaseline = Baseline.of(values);
                if (signalBaseline.points() < MIN_BUCKETS) {
                    continue;
                }
                for (Spike spike : spikes) {
                    Move move = largestMove(logs, values, signalBaseline, signal.getKey(), spike);
                    if (move == null || reportedForErrors(found, signal.getKey(), grid, spike)) {
                        continue;
                    }
                    found.add(finding(grid, host.host(), signal.getKey(), series, spike, (long) logs[spike.peak()],
                            logBaseline.median(), move, values[move.bucket()], signalBaseline.median()));
                }
            }
        }
        return found;
    }

    private static List<Spike> spikes(double[] logs, Baseline baseline) {
        List<Spike> spikes = new ArrayList<>();
        double minimum = Math.max(MIN_SPIKE_COUNT, MIN_RISE * Math.max(baseline.median(), 1));
        int first = -1;
        for (int b = 0; b <= logs.length; b++) {
            boolean spiking = b < logs.length && logs[b] >= minimum && baseline.zScore(logs[b]) >= SPIKE_Z;
            if (spiking && first < 0) {
                first = b;
            } else if (!spiking && first >= 0) {
                int peak = first;
                for (int i = first + 1; i < b; i++) {
                    if (logs[i] > logs[peak]) {
                        peak = i;
                    }
                }
                spikes.add(new Spike(first, b - 1, peak));
                first = -1;
            }
        }
        return spikes;
    }

    /** Where a signal moved beside a spike, and Pearson's r with the signal shifted by {@code lag} buckets. */
    private record Move(int bucket, double correlation) {
    }

    /**
     * The bucket near the spike where the signal moved most beyond both thresholds, in the direction of
     * r computed at that bucket's lag (0 inside the spike, −1 before it, +1 after it), or null.
     */
    private static Move largestMove(double[] logs, double[] values, Baseline baseline, HostSignal signal, Spike spike) {
        double minimumChange = minimumChange(signal, baseline.median());
        Move best = null;
        double bestDeviation = 0;
        for (int b = Math.max(0, spike.first() - LAG_BUCKETS); b <= Math.min(values.length - 1, spike.last() + LAG_BUCKETS); b++) {
            double value = values[b];
            double deviation = value - baseline.median();
            if (Double.isNaN(value) || Math.abs(deviation) < minimumChange || Math.abs(baseline.zScore(value)) < SPIKE_Z
                    || Math.abs(deviation) <= bestDeviation) {
                continue;
            }
            int lag = b < spike.first() ? b - spike.first() : b > spike.last() ? b - spike.last() : 0;
            double r = pearson(logs, shifted(values, lag));
            if (!Double.isNaN(r) && Math.abs(r) >= MIN_CORRELATION && Math.signum(r) == Math.signum(deviation)) {
                best = new Move(b, r);
                bestDeviation = Math.abs(deviation);
            }
        }
        return best;
    }

    /** The series moved {@code lag} buckets earlier: {@code shifted[b] = values[b + lag]}, NaN past either end. */
    private static double[] shifted(double[] values, int lag) {
        if (lag == 0) {
            return values;
        }
        double[] shifted = new double[values.length];
        for (int b = 0; b < values.length; b++) {
            int from = b + lag;
            shifted[b] = from >= 0 && from < values.length ? values[from] : Double.NaN;
        }
        return shifted;
    }

    /** The smallest change of a signal that can be a finding, so a flat series with tiny jitter never is. */
    static double minimumChange(HostSignal signal, double median) {
        return switch (signal) {
            case CPU_UTILIZATION, MEMORY_UTILIZATION, DISK_UTILIZATION, DISK_IO_TIME -> 0.10;
            case LOAD_1M -> Math.max(0.5, Math.abs(median) / 2);
            case NETWORK_RX, NETWORK_TX -> Math.max(1024, Math.abs(median) / 2);
        };
    }

    /** Whether the error series already gave a finding for this signal over buckets this spike shares. */
    private static boolean reportedForErrors(List<Finding> found, HostSignal signal, BucketGrid grid, Spike spike) {
        long from = grid.startOf(spike.first());
        long to = grid.startOf(spike.last()) + grid.stepMillis();
        return found.stream().anyMatch(finding -> finding.signal() == signal
                && finding.episodeFromMillis() < to && from < finding.episodeToMillis());
    }

    /** Pearson's r over the buckets where both series have a value; NaN with fewer than {@value #MIN_BUCKETS} or a constant series. */
    static double pearson(double[] x, double[] y) {
        int n = 0;
        double sumX = 0;
        double sumY = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                n++;
                sumX += x[i];
                sumY += y[i];
            }
        }
        if (n < MIN_BUCKETS) {
            return Double.NaN;
        }
        double meanX = sumX / n;
        double meanY = sumY / n;
        double covariance = 0;
        double varianceX = 0;
        double varianceY = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                double dx = x[i] - meanX;
                double dy = y[i] - meanY;
                covariance += dx * dy;
                varianceX += dx * dx;
                varianceY += dy * dy;
            }
        }
        if (varianceX == 0 || varianceY == 0) {
            return Double.NaN;
        }
        return covariance / Math.sqrt(varianceX * varianceY);
    }

    private static Finding finding(BucketGrid grid, String host, HostSignal signal, Finding.Series series, Spike spike,
                                   long logCount, double logBaseline, Move move, double signalValue, double signalBaseline) {
        Finding finding = new Finding(host, signal, series, grid.startOf(spike.peak()), grid.startOf(spike.first()),
                grid.startOf(spike.last()) + grid.stepMillis(), logCount, logBaseline, grid.startOf(move.bucket()), signalValue,
                signalBaseline, move.correlation(), Math.abs(move.correlation()), "");
        return finding.withSummary(sentence(grid, finding));
    }

    /** "error rate on web-3 rose 12x at 10:32 UTC (48 vs 4 per 1m) while host.cpu.utilization was 0.98 (baseline 0.21)". */
    private static String sentence(BucketGrid grid, Finding finding) {
        String at = (grid.stepMillis() % 60_000 == 0 ? MINUTES : SECONDS).format(Instant.ofEpochMilli(finding.bucketMillis())) + " UTC";
        String per = " per " + grid.stepText();
        String rose = Double.isNaN(finding.rise())
                ? " rose to " + finding.logCount() + per + " at " + at + " from a baseline of " + number(finding.logBaseline())
                : " rose " + number(finding.rise()) + "x at " + at + " (" + finding.logCount() + " vs " + number(finding.logBaseline()) + per + ")";
        return finding.series().description() + " on " + finding.host() + rose + " while " + finding.signal().metricName()
                + " was " + value(finding.signal(), finding.signalValue())
                + " (baseline " + value(finding.signal(), finding.signalBaseline()) + ")";
    }

    private static String value(HostSignal signal, double value) {
        return switch (signal) {
            case NETWORK_RX, NETWORK_TX -> bytesPerSecond(value);
            default -> String.format(Locale.ROOT, "%.2f", value);
        };
    }

    private static String bytesPerSecond(double value) {
        String[] units = {"B/s", "KiB/s", "MiB/s", "GiB/s"};
        double scaled = value;
        int unit = 0;
        while (Math.abs(scaled) >= 1024 && unit < units.length - 1) {
            scaled /= 1024;
            unit++;
        }
        return number(scaled) + " " + units[unit];
    }

    /** A count or ratio as a person writes it: whole when it is, else one decimal ("12", "2.5"). */
    private static String number(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded) : String.format(Locale.ROOT, "%.1f", rounded);
    }

    private static double[] asDoubles(long[] counts) {
        double[] values = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            values[i] = counts[i];
        }
        return values;
    }
}
