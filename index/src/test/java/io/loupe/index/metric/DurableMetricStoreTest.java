package io.loupe.index.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.LabelMatcher;
import io.loupe.index.api.Labels;
import io.loupe.index.api.MetricAppendResult;
import io.loupe.index.api.MetricResolution;
import io.loupe.index.api.MetricSample;
import io.loupe.index.api.RollupSamples;
import io.loupe.index.api.SeriesRef;
import io.loupe.index.api.SeriesSamples;
import io.loupe.index.api.StaleMarker;
import io.loupe.index.testing.CrashImage;
import io.loupe.index.testing.MutableClock;
import io.loupe.index.wal.WalConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableMetricStoreTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:30:00Z");
    private static final long T0 = Instant.parse("2026-11-22T10:00:00Z").toEpochMilli();

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(NOW);
    private final List<DurableMetricStore> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws IOException {
        for (DurableMetricStore store : opened) {
            if (store.ready()) {
                store.close();
            }
        }
    }

    private DurableMetricStore open(Path data) throws IOException {
        DurableMetricStore store = DurableMetricStore.open(data, MetricStoreConfig.defaults(), WalConfig.defaults(), clock);
        opened.add(store);
        return store;
    }

    private static MetricSample sample(String name, Labels labels, long t, double v) {
        return new MetricSample(name, labels, t, v);
    }

    private static SeriesRef only(DurableMetricStore store, String name) {
        List<SeriesRef> refs = store.series(List.of(LabelMatcher.equal(LabelMatcher.METRIC_NAME, name)), Long.MIN_VALUE, Long.MAX_VALUE, 10);
        assertEquals(1, refs.size(), "series named " + name);
        return refs.getFirst();
    }

    private static List<String> points(SeriesSamples samples) {
        List<String> points = new ArrayList<>();
        for (int i = 0; i < samples.count(); i++) {
            points.add((samples.timestamps()[i] - T0) + "=" + samples.values()[i]);
        }
        return points;
    }

    @Test
    void outOfOrderSamplesAreSortedAndAnExactDuplicateReplacesTheValue() throws IOException {
        DurableMetricStore store = open(dir);
        Labels labels = Labels.of("host", "web-1");
        store.append(List.of(sample("load", labels, T0 + 2000, 2), sample("load", labels, T0, 0), sample("load", labels, T0 + 1000, 1)));
        store.append(List.of(sample("load", labels, T0 + 1000, 11)));

        SeriesSamples samples = store.samples(only(store, "load"), Long.MIN_VALUE, Long.MAX_VALUE);
        assertEquals(List.of("0=0.0", "1000=11.0", "2000=2.0"), points(samples));
    }

    @Test
    void samplesOlderThanTheOpenWindowOrTooFarAheadAreRejectedWithAReasonAndTheOthersKept() throws IOException {
        DurableMetricStore store = open(dir);
        // at 10:30 with 60 late minutes the open window starts at the 08:00 block: 07:59 is too old
        long sealedBlock = Instant.parse("2026-11-22T07:59:00Z").toEpochMilli();
        long tooFar = NOW.plusSeconds(3600).toEpochMilli();
        MetricAppendResult result = store.append(List.of(sample("x", Labels.EMPTY, sealedBlock, 1),
                sample("x", Labels.EMPTY, T0, 2), sample("x", Labels.EMPTY, tooFar, 3)));

        assertEquals(1, result.accepted());
        assertEquals(2, result.rejected());
        assertEquals(0, result.rejects().get(0).index());
        assertTrue(result.rejects().get(0).reason().contains("older than the open window")
                && result.rejects().get(0).reason().contains("metrics.late_sample_minutes"), result.rejects().get(0).reason());
        assertEquals(2, result.rejects().get(1).index());
        assertTrue(result.rejects().get(1).reason().contains("metrics.max_future_seconds"), result.rejects().get(1).reason());
    }

    @Test
    void aRestartReplaysTheWriteAheadLog() throws IOException {
        DurableMetricStore store = open(dir);
        store.append(List.of(sample("up", Labels.of("job", "node"), T0, 1), sample("up", Labels.of("job", "node"), T0 + 1000, StaleMarker.VALUE)));
        store.close();

        DurableMetricStore reopened = open(dir);
        SeriesSamples samples = reopened.samples(only(reopened, "up"), Long.MIN_VALUE, Long.MAX_VALUE);
        assertEquals(2, samples.count());
        assertTrue(StaleMarker.is(samples.values()[1]), "the stale marker keeps its exact bits");
    }

    @Test
    void everyAcknowledgedSampleSurvivesACrashWithoutAnyClose() throws IOException {
        DurableMetricStore store = open(dir);
        List<MetricSample> sent = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            sent.add(sample("requests_total", Labels.of("host", "web-" + (i % 5)), T0 + i * 1000L, i));
        }
        store.append(sent);
        Path image = CrashImage.copyOf(dir, dir.resolveSibling(dir.getFileName() + "-crash"));

        DurableMetricStore recovered = open(image);
        assertEquals(500, recovered.recoveryReport().samplesReplayed());
        long total = 0;
        for (SeriesRef ref : recovered.series(List.of(), Long.MIN_VALUE, Long.MAX_VALUE, 100)) {
            total += recovered.samples(ref, Long.MIN_VALUE, Long.MAX_VALUE).count();
        }
        assertEquals(500, total);
    }

    @Test
    void aSealedBlockIsServedFromItsSegmentAndTheLogNoLongerReplaysIt() throws IOException {
        DurableMetricStore store = open(dir);
        Labels labels = Labels.of("host", "web-1");
        List<MetricSample> samples = new ArrayList<>();
        for (int i = 0; i < 3600; i++) {
            samples.add(sample("node_load1", labels, T0 + i * 1000L, (i % 100) / 100.0));
        }
        clock.set(Instant.parse("2026-11-22T11:00:00Z"));
        assertEquals(3600, store.append(samples).accepted());
        clock.set(Instant.parse("2026-11-22T13:00:01Z"));
        assertEquals(1, store.sealReadyBlocks());

        assertTrue(Files.exists(dir.resolve("metrics/raw/" + Instant.parse("2026-11-22T10:00:00Z").toEpochMilli() + ".seg")));
        assertTrue(Files.exists(dir.resolve("metrics/5m/" + Instant.parse("2026-11-22T10:00:00Z").toEpochMilli() + ".seg")));
        SeriesSamples fromSegment = store.samples(only(store, "node_load1"), T0 + 1000, T0 + 2000);
        assertEquals(List.of("1000=0.01", "2000=0.02"), points(fromSegment));
        assertTrue(store.segmentBytes(MetricResolution.RAW) < 3600, "3600 samples in fewer than 3600 bytes, got "
                + store.segmentBytes(MetricResolution.RAW));
        store.close();

        DurableMetricStore reopened = open(dir);
        assertEquals(0, reopened.recoveryReport().samplesReplayed());
        assertEquals(3600, reopened.samples(only(reopened, "node_load1"), Long.MIN_VALUE, Long.MAX_VALUE).count());
        MetricAppendResult late = reopened.append(List.of(sample("node_load1", labels, T0 + 5000, 9)));
        assertEquals(1, late.rejected(), "a sealed block takes no more samples");
    }

    @Test
    void rollupsFromTheHeadAndFromSealedSegmentsAgree() throws IOException {
        DurableMetricStore store = open(dir);
        Labels labels = Labels.of("host", "web-1");
        List<MetricSample> samples = new ArrayList<>();
        double counter = 0;
        for (int i = 0; i < 1800; i++) {
            counter = i == 900 ? 3 : counter + 2;   // a counter reset at 15 minutes
            samples.add(sample("bytes_total", labels, T0 + i * 1000L, counter));
        }
        store.append(samples);
        SeriesRef ref = only(store, "bytes_total");
        RollupSamples fromHead = store.rollup(ref, MetricResolution.FIVE_MINUTES, T0, T0 + 1_800_000);
        clock.set(Instant.parse("2026-11-22T13:00:01Z"));
        store.sealReadyBlocks();
        RollupSamples fromSegment = store.rollup(ref, MetricResolution.FIVE_MINUTES, T0, T0 + 1_800_000);

        assertEquals(6, fromHead.size());
        assertEquals(6, fromSegment.size());
        for (int i = 0; i < 6; i++) {
            assertEquals(fromHead.bucketStarts()[i], fromSegment.bucketStarts()[i]);
            assertEquals(300, fromSegment.count()[i]);
            assertEquals(fromHead.sum()[i], fromSegment.sum()[i]);
            assertEquals(fromHead.increase()[i], fromSegment.increase()[i]);
        }
        assertEquals(299 * 2.0, fromSegment.increase()[0], "increase within the first bucket");
        assertEquals(3 + 299 * 2.0, fromSegment.increase()[3], "the reset bucket counts the value after the reset");
    }

    @Test
    void theCounterPairAcrossABlockBoundaryIsInTheRollupWhetherReadFromTheHeadOrSealedEitherSide() throws IOException {
        DurableMetricStore store = open(dir);
        Labels labels = Labels.of("host", "web-1");
        long boundary = Instant.parse("2026-11-22T12:00:00Z").toEpochMilli();
        List<MetricSample> samples = new ArrayList<>();
        for (int i = -30; i < 30; i++) {   // one sample a minute, 11:30 to 12:29, +4 each
            samples.add(sample("requests_total", labels, boundary + i * 60_000L, 1000 + 4 * (i + 30)));
        }
        samples.add(sample("lone_gauge", labels, boundary + 60_000L, 3));
        clock.set(Instant.parse("2026-11-22T12:30:00Z"));
        assertEquals(61, store.append(samples).accepted());
        SeriesRef ref = only(store, "requests_total");

        List<Double> expected = List.of(5 * 4.0, 5 * 4.0);   // 12:00 and 12:05 buckets: 5 pairs each, the first from 11:59
        assertEquals(expected, increases(store.rollup(ref, MetricResolution.FIVE_MINUTES, boundary, boundary + 599_999)), "both blocks in the head");
        clock.set(Instant.parse("2026-11-22T13:00:01Z"));
        assertEquals(1, store.sealReadyBlocks());
        assertEquals(expected, increases(store.rollup(ref, MetricResolution.FIVE_MINUTES, boundary, boundary + 599_999)),
                "the block before sealed, the block after in the head");
        clock.set(Instant.parse("2026-11-22T15:00:01Z"));
        assertEquals(1, store.sealReadyBlocks());
        assertEquals(expected, increases(store.rollup(ref, MetricResolution.FIVE_MINUTES, boundary, boundary + 599_999)), "both sealed");
        assertEquals(List.of(30 * 4.0 - 4), increases(store.rollup(ref, MetricResolution.ONE_HOUR, boundary - 1_800_000, boundary - 1)),
                "the first sample of a series has no predecessor");

        RollupSamples lone = store.rollup(only(store, "lone_gauge"), MetricResolution.FIVE_MINUTES, boundary, boundary + 599_999);
        assertEquals(1, lone.size());
        assertEquals(false, lone.hasIncrease(0), "a bucket with one sample and no predecessor has no increase, not 0");
        assertEquals(true, store.rollup(ref, MetricResolution.FIVE_MINUTES, boundary, boundary + 1).hasIncrease(0));
    }

    private static List<Double> increases(RollupSamples rollup) {
        List<Double> increases = new ArrayList<>();
        for (int i = 0; i < rollup.size(); i++) {
            increases.add(rollup.hasIncrease(i) ? rollup.increase()[i] : null);
        }
        return increases;
    }

    @Test
    void matchersFollowPrometheusSemanticsIncludingMissingLabels() throws IOException {
        DurableMetricStore store = open(dir);
        store.append(List.of(sample("cpu", Labels.of("host", "web-1", "mode", "idle"), T0, 1),
                sample("cpu", Labels.of("host", "web-2", "mode", "user"), T0, 1),
                sample("cpu", Labels.of("host", "db-1"), T0, 1),
                sample("mem", Labels.of("host", "web-1"), T0, 1)));
        assertEquals(List.of("cpu{host=\"web-1\", mode=\"idle\"}"), keys(store, LabelMatcher.equal("mode", "idle")));
        assertEquals(List.of("cpu{host=\"db-1\"}", "mem{host=\"web-1\"}"), keys(store, LabelMatcher.equal("mode", "")));
        assertEquals(2, keys(store, LabelMatcher.of("mode", LabelMatcher.Op.NOT_EQUAL, "")).size());
        assertEquals(List.of("cpu{host=\"web-1\", mode=\"idle\"}", "cpu{host=\"web-2\", mode=\"user\"}"),
                keys(store, LabelMatcher.equal(LabelMatcher.METRIC_NAME, "cpu"), LabelMatcher.of("host", LabelMatcher.Op.REGEX, "web-.*")));
        assertEquals(List.of("cpu{host=\"db-1\"}"),
                keys(store, LabelMatcher.equal(LabelMatcher.METRIC_NAME, "cpu"), LabelMatcher.of("host", LabelMatcher.Op.NOT_REGEX, "web.*")));
        assertEquals(List.of("cpu{host=\"db-1\"}", "cpu{host=\"web-2\", mode=\"user\"}"),
                keys(store, LabelMatcher.equal(LabelMatcher.METRIC_NAME, "cpu"), LabelMatcher.of("mode", LabelMatcher.Op.REGEX, "user|")));
        assertEquals(List.of("cpu{host=\"web-1\", mode=\"idle\"}"),
                keys(store, LabelMatcher.equal(LabelMatcher.METRIC_NAME, "cpu"), LabelMatcher.of("mode", LabelMatcher.Op.NOT_REGEX, "user|")));
        assertEquals(List.of("__name__", "host", "mode"), store.labelNames(List.of(), Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals(List.of("db-1", "web-1", "web-2"), store.labelValues("host", List.of(LabelMatcher.equal(LabelMatcher.METRIC_NAME, "cpu")),
                Long.MIN_VALUE, Long.MAX_VALUE));
    }

    private static List<String> keys(DurableMetricStore store, LabelMatcher... matchers) {
        return store.series(List.of(matchers), Long.MIN_VALUE, Long.MAX_VALUE, 100).stream()
                .map(ref -> ref.key().toString()).sorted().toList();
    }

    @Test
    void aCorruptSegmentIsReportedByNameAndTheOthersKeepServing() throws IOException {
        DurableMetricStore store = open(dir);
        store.append(List.of(sample("a", Labels.EMPTY, T0, 1)));
        clock.set(Instant.parse("2026-11-22T13:00:01Z"));
        store.sealReadyBlocks();
        store.append(List.of(sample("a", Labels.EMPTY, Instant.parse("2026-11-22T12:30:00Z").toEpochMilli(), 2)));
        clock.set(Instant.parse("2026-11-22T15:00:01Z"));
        store.sealReadyBlocks();
        store.close();
        Path first = dir.resolve("metrics/raw/" + T0 + ".seg");
        byte[] bytes = Files.readAllBytes(first);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(first, bytes);

        DurableMetricStore reopened = open(dir);
        assertEquals(1, reopened.recoveryReport().corruptSegments().size());
        assertTrue(reopened.recoveryReport().corruptSegments().getFirst().contains(first.toString()));
        assertEquals(1, reopened.samples(only(reopened, "a"), Long.MIN_VALUE, Long.MAX_VALUE).count(), "the other block still serves");
    }

    @Test
    void retentionDeletesRawSegmentsBeforeTheirRollups() throws IOException {
        DurableMetricStore store = open(dir);
        store.append(List.of(sample("a", Labels.EMPTY, T0, 1)));
        clock.set(Instant.parse("2026-11-22T13:00:01Z"));
        store.sealReadyBlocks();
        clock.set(NOW.plus(Duration.ofDays(16)));
        assertEquals(1, store.applyRetention());
        try (Stream<Path> raw = Files.list(dir.resolve("metrics/raw")); Stream<Path> rolled = Files.list(dir.resolve("metrics/5m"))) {
            assertEquals(0, raw.count());
            assertEquals(1, rolled.count());
        }
        assertEquals(List.of(MetricResolution.FIVE_MINUTES, MetricResolution.ONE_HOUR), store.resolutionsCovering(T0));
        assertEquals(1, store.rollup(only(store, "a"), MetricResolution.FIVE_MINUTES, T0, T0 + 1000).size());
    }
}
