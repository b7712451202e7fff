package io.loupe.search.correlate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.search.metric.BucketGrid;
import io.loupe.search.metric.HostSignal;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The findings method on synthetic series: what must be found, and every way a healthy host must stay unnamed. */
class FindingDetectorTest {
    private static final long START = Instant.parse("2026-11-22T10:00:00Z").toEpochMilli();
    private static final BucketGrid GRID = new BucketGrid(START, 60_000, 30);
    private static final int BURST = 20;

    /** About 10 hits per bucket, varying a little, as a busy host writes them. */
    private static long[] steadyHits() {
        long[] hits = new long[GRID.count()];
        for (int b = 0; b < hits.length; b++) {
            hits[b] = 10 + (b % 3) - 1;
        }
        return hits;
    }

    /** CPU around 0.20, varying by a hundredth either way. */
    private static double[] steadyCpu() {
        double[] cpu = new double[GRID.count()];
        for (int b = 0; b < cpu.length; b++) {
            cpu[b] = 0.20 + ((b % 3) - 1) * 0.01;
        }
        return cpu;
    }

    private static HostSeries host(String name, long[] hits, long[] errors, double[] cpu) {
        Map<HostSignal, double[]> signals = new EnumMap<>(HostSignal.class);
        signals.put(HostSignal.CPU_UTILIZATION, cpu);
        return new HostSeries(name, Arrays.stream(hits).sum(), hits, errors, signals);
    }

    /** web-3: 40 errors in bucket {@link #BURST} on top of its usual hits, CPU at 0.97 in that bucket. */
    private static HostSeries sickHost() {
        long[] hits = steadyHits();
        long[] errors = new long[GRID.count()];
        double[] cpu = steadyCpu();
        errors[BURST] = 40;
        hits[BURST] += 40;
        cpu[BURST] = 0.97;
        return host("web-3", hits, errors, cpu);
    }

    @Test
    void anErrorBurstThatCoincidesWithACpuSpikeIsOneFindingNamingTheHostAndTheMoment() {
        List<Finding> findings = FindingDetector.detect(GRID, List.of(sickHost()));

        assertEquals(1, findings.size(), () -> "one finding (the error spike, not again as a hit spike): " + findings);
        Finding finding = findings.get(0);
        assertEquals("web-3", finding.host());
        assertEquals(HostSignal.CPU_UTILIZATION, finding.signal());
        assertEquals(Finding.Series.ERRORS, finding.series());
        assertEquals(GRID.startOf(BURST), finding.bucketMillis());
        assertEquals(GRID.startOf(BURST), finding.signalMillis());
        assertEquals(40, finding.logCount());
        assertEquals(0, finding.logBaseline());
        assertEquals(0.97, finding.signalValue(), 1e-9);
        assertEquals(0.20, finding.signalBaseline(), 1e-9);
        assertTrue(finding.score() > 0.9, () -> "a lone coinciding spike correlates strongly: " + finding);
        assertEquals("error rate on web-3 rose to 40 per 1m at 10:20 UTC from a baseline of 0"
                + " while host.cpu.utilization was 0.97 (baseline 0.20)", finding.summary());
    }

    @Test
    void aRiseOverANonZeroBaselineIsSaidAsAFactor() {
        long[] hits = steadyHits();
        long[] errors = new long[GRID.count()];
        Arrays.fill(errors, 4);
        errors[BURST] = 48;
        double[] cpu = steadyCpu();
        cpu[BURST] = 0.98;

        Finding finding = FindingDetector.detect(GRID, List.of(host("web-3", hits, errors, cpu))).get(0);

        assertEquals(12, finding.rise(), 1e-9);
        assertTrue(finding.summary().startsWith("error rate on web-3 rose 12x at 10:20 UTC (48 vs 4 per 1m) while host.cpu.utilization was 0.98"),
                finding.summary());
    }

    @Test
    void aCpuSpikeOnAHostWhoseLogsStayFlatIsNoFinding() {
        double[] cpu = steadyCpu();
        cpu[8] = 0.99;
        HostSeries busyButQuiet = host("web-1", steadyHits(), new long[GRID.count()], cpu);

        List<Finding> findings = FindingDetector.detect(GRID, List.of(busyButQuiet, sickHost(),
                host("web-2", steadyHits(), new long[GRID.count()], steadyCpu())));

        assertEquals(List.of("web-3"), findings.stream().map(Finding::host).distinct().toList(), () -> "only the sick host: " + findings);
    }

    @Test
    void flatSeriesGiveNoFinding() {
        long[] hits = new long[GRID.count()];
        Arrays.fill(hits, 10);
        double[] cpu = new double[GRID.count()];
        Arrays.fill(cpu, 0.5);

        assertEquals(List.of(), FindingDetector.detect(GRID, List.of(host("web-1", hits, new long[GRID.count()], cpu))));
    }

    @Test
    void aLogSpikeWhileTheSignalStaysPutIsNoFinding() {
        long[] hits = steadyHits();
        long[] errors = new long[GRID.count()];
        errors[BURST] = 40;
        hits[BURST] += 40;

        assertEquals(List.of(), FindingDetector.detect(GRID, List.of(host("web-3", hits, errors, steadyCpu()))));
    }

    @Test
    void aSmallSignalWiggleWithTheLogSpikeIsNoFinding() {
        HostSeries sick = sickHost();
        double[] cpu = steadyCpu();
        cpu[BURST] = 0.27;

        assertEquals(List.of(), FindingDetector.detect(GRID, List.of(host("web-3", sick.histogram(), sick.errors(), cpu))),
                "0.07 above the baseline is under the minimum change of 0.10, however many spreads it is");
    }

    @Test
    void aBurstOfFewerThanTheMinimumCountIsNoFinding() {
        long[] errors = new long[GRID.count()];
        errors[BURST] = FindingDetector.MIN_SPIKE_COUNT - 1;
        double[] cpu = steadyCpu();
        cpu[BURST] = 0.97;

        assertEquals(List.of(), FindingDetector.detect(GRID, List.of(host("web-3", steadyHits(), errors, cpu))));
    }

    @Test
    void theSignalMayMoveOneBucketBesideTheSpikeButNotTwo() {
        HostSeries sick = sickHost();
        double[] oneLater = steadyCpu();
        oneLater[BURST + 1] = 0.97;
        double[] twoLater = steadyCpu();
        twoLater[BURST + 2] = 0.97;

        List<Finding> lagged = FindingDetector.detect(GRID, List.of(host("web-3", sick.histogram(), sick.errors(), oneLater)));
        assertEquals(1, lagged.size(), () -> "one bucket of lag: " + lagged);
        assertEquals(GRID.startOf(BURST), lagged.get(0).bucketMillis());
        assertEquals(GRID.startOf(BURST + 1), lagged.get(0).signalMillis());
        assertEquals(List.of(), FindingDetector.detect(GRID, List.of(host("web-3", sick.histogram(), sick.errors(), twoLater))));
    }

    @Test
    void consecutiveSpikingBucketsAreOneFindingAtTheirPeak() {
        long[] hits = steadyHits();
        long[] errors = new long[GRID.count()];
        errors[BURST] = 20;
        errors[BURST + 1] = 60;
        errors[BURST + 2] = 30;
        double[] cpu = steadyCpu();
        cpu[BURST] = 0.8;
        cpu[BURST + 1] = 0.95;
        cpu[BURST + 2] = 0.9;

        List<Finding> findings = FindingDetector.detect(GRID, List.of(host("web-3", hits, errors, cpu)));

        assertEquals(1, findings.size(), () -> "one spike: " + findings);
        assertEquals(GRID.startOf(BURST + 1), findings.get(0).bucketMillis());
        assertEquals(GRID.startOf(BURST), findings.get(0).episodeFromMillis());
        assertEquals(GRID.startOf(BURST + 3), findings.get(0).episodeToMillis());
        assertEquals(0.95, findings.get(0).signalValue(), 1e-9);
    }

    @Test
    void aSignalThatFallsWhileLogsRiseIsAFindingWithNegativeCorrelation() {
        HostSeries sick = sickHost();
        double[] received = new double[GRID.count()];
        for (int b = 0; b < received.length; b++) {
            received[b] = 5_000_000 + (b % 3) * 10_000;
        }
        received[BURST] = 20_000;
        HostSeries host = new HostSeries("web-3", sick.hits(), sick.histogram(), sick.errors(), Map.of(HostSignal.NETWORK_RX, received));

        List<Finding> findings = FindingDetector.detect(GRID, List.of(host));

        assertEquals(1, findings.size(), () -> "" + findings);
        assertTrue(findings.get(0).correlation() < -0.9, () -> "" + findings.get(0));
        assertTrue(findings.get(0).summary().endsWith("while host.network.rx was 19.5 KiB/s (baseline 4.8 MiB/s)"), findings.get(0).summary());
    }

    @Test
    void noiseGivesNoFinding() {
        for (int seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            long[] hits = new long[GRID.count()];
            long[] errors = new long[GRID.count()];
            double[] cpu = new double[GRID.count()];
            double[] load = new double[GRID.count()];
            for (int b = 0; b < GRID.count(); b++) {
                hits[b] = Math.max(0, Math.round(20 + 4.5 * random.nextGaussian()));
                errors[b] = random.nextInt(10) == 0 ? 1 + random.nextInt(2) : 0;
                cpu[b] = 0.3 + 0.03 * random.nextGaussian();
                load[b] = Math.max(0, 1.5 + 0.2 * random.nextGaussian());
            }
            HostSeries host = new HostSeries("web-" + seed, Arrays.stream(hits).sum(), hits, errors,
                    Map.of(HostSignal.CPU_UTILIZATION, cpu, HostSignal.LOAD_1M, load));
            List<Finding> findings = FindingDetector.detect(GRID, List.of(host));
            int s = seed;
            assertEquals(List.of(), findings, () -> "seed " + s);
        }
    }

    @Test
    void bucketsWithoutSignalPointsAreLeftOutAndTooFewPointsGiveNoFinding() {
        HostSeries sick = sickHost();
        double[] sparse = new double[GRID.count()];
        Arrays.fill(sparse, Double.NaN);
        for (int b = BURST - 2; b <= BURST + 2; b++) {
            sparse[b] = b == BURST ? 0.97 : 0.2;
        }

        assertEquals(List.of(), FindingDetector.detect(GRID, List.of(host("web-3", sick.histogram(), sick.errors(), sparse))),
                "five points are fewer than the " + FindingDetector.MIN_BUCKETS + " a baseline needs");
    }

    @Test
    void aWindowOfTooFewBucketsHasNoFindings() {
        BucketGrid shortGrid = new BucketGrid(START, 60_000, FindingDetector.MIN_BUCKETS - 1);
        long[] errors = {0, 0, 40, 0, 0};
        Map<HostSignal, double[]> cpu = Map.of(HostSignal.CPU_UTILIZATION, new double[] {0.2, 0.21, 0.97, 0.2, 0.19});

        assertEquals(List.of(), FindingDetector.detect(shortGrid, List.of(new HostSeries("web-3", 40, errors, errors, cpu))));
    }

    @Test
    void findingsAreSortedByScore() {
        HostSeries strong = sickHost();
        long[] hits = steadyHits();
        long[] errors = new long[GRID.count()];
        errors[BURST] = 40;
        errors[5] = 30;
        double[] cpu = steadyCpu();
        cpu[BURST] = 0.97;
        cpu[12] = 0.9;
        HostSeries weaker = host("web-4", hits, errors, cpu);

        List<Finding> findings = FindingDetector.detect(GRID, List.of(weaker, strong));

        assertEquals(List.of("web-3", "web-4"), findings.stream().map(Finding::host).toList(), () -> "" + findings);
        assertTrue(findings.get(0).score() > findings.get(1).score());
    }
}
