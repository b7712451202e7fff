package io.loupe.ops.bench;

import io.loupe.index.api.LabelMatcher;
import io.loupe.index.api.Labels;
import io.loupe.index.api.MetricSample;
import io.loupe.index.api.MetricStore;
import io.loupe.index.api.SeriesRef;
import io.loupe.index.api.SeriesSamples;
import io.loupe.index.metric.DurableMetricStore;
import io.loupe.index.metric.MetricStoreConfig;
import io.loupe.ops.config.LoupeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The compression phase of {@code ./loupe bench metrics}: the recorded scrapes, exactly as recorded,
 * into a fresh metric store (its clock following the recording), every block sealed, and the sealed
 * bytes divided by the samples stored. When {@code promtool} is on PATH the same samples go through
 * Prometheus's TSDB in the same run (see {@link PromtoolBlockSize}), and both must count the same
 * samples. Before anything is measured, every series is read back from the sealed store and must
 * hold exactly the samples written (timestamps, and values bit for bit).
 */
final class MetricsCompression {

    /**
     * @param samples    samples stored
     * @param series     series stored
     * @param loupe      where Loupe's bytes went
     * @param prometheus Prometheus's blocks for the same samples, when promtool is installed
     */
    record Figures(long samples, int series, MetricsStoreSize loupe, Optional<PromtoolBlockSize> prometheus) {
    }

    private MetricsCompression() {
    }

    private static void verifyReadBack(MetricStore store, OpenMetricsFile written, long fromMillis, long toMillis) throws IOException {
        written.forEachSeries((key, timestamps, values, count) -> {
            List<LabelMatcher> matchers = new ArrayList<>();
            matchers.add(LabelMatcher.equal(LabelMatcher.METRIC_NAME, key.name()));
            key.labels().toMap().forEach((name, value) -> matchers.add(LabelMatcher.equal(name, value)));
            SeriesRef ref = store.series(matchers, fromMillis, toMillis, Integer.MAX_VALUE).stream()
                    .filter(candidate -> candidate.key().equals(key))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("series " + key + " was written but the sealed store does not find it"));
            SeriesSamples read = store.samples(ref, fromMillis, toMillis);
            if (read.count() != count) {
                throw new IllegalStateException("series " + key + " reads back " + read.count() + " samples of the " + count + " written");
            }
            for (int i = 0; i < count; i++) {
                if (read.timestamps()[i] != timestamps[i]
                        || Double.doubleToRawLongBits(read.values()[i]) != Double.doubleToRawLongBits(values[i])) {
                    throw new IllegalStateException("series " + key + " sample " + i + " reads back as " + read.values()[i] + " at "
                            + read.timestamps()[i] + " ms; written " + values[i] + " at " + timestamps[i] + " ms");
                }
            }
        });
        System.err.printf("loupe: every one of the %,d samples reads back from the sealed store exactly as written%n", written.samples());
    }

    static Figures run(NodeExporterRecording recording, Path workDir, LoupeConfig settings) throws IOException, InterruptedException {
        Path dataDir = workDir.resolve("compression-loupe");
        MetricStoreConfig config = settings.metricStore();
        ReplayClock clock = new ReplayClock(recording.scrapes().getFirst().tickMillis());
        Labels target = Labels.of("job", "node", "instance", recording.instance());
        OpenMetricsFile openMetrics = new OpenMetricsFile();
        long samples = 0;
        int series;
        MetricsStoreSize size;
        try (DurableMetricStore store = DurableMetricStore.open(dataDir, config, settings.wal(), clock)) {
            MetricsScrapeWriter writer = new MetricsScrapeWriter(store, settings.ingest().metricLimits());
            for (NodeExporterRecording.Scrape scrape : recording.scrapes()) {
                clock.advanceTo(scrape.tickMillis());
                for (MetricSample sample : writer.write(scrape.body(), scrape.tickMillis(), target)) {
                    openMetrics.add(sample);
                    samples++;
                }
            }
            long lastTick = recording.scrapes().getLast().tickMillis();
            clock.advanceTo(config.blockStart(lastTick) + config.blockMillis() + config.lateSampleMinutes() * 60_000L);
            int sealed = store.sealReadyBlocks();
            series = store.seriesCount();
            verifyReadBack(store, openMetrics, recording.scrapes().getFirst().tickMillis(), lastTick);
            size = MetricsStoreSize.of(store, dataDir);
            System.err.printf("loupe: %,d samples of %,d series in %d sealed block(s): %s%n", samples, series, sealed,
                    size.describe(samples, series));
        }
        if (size.rawBytes() == 0) {
            throw new IllegalStateException("no raw segment was sealed for the " + samples + " recorded samples");
        }
        Optional<Path> promtool = PromtoolBlockSize.findPromtool();
        if (promtool.isEmpty()) {
            System.err.println("promtool is not on PATH, so Prometheus's bytes per sample are not measured (apt-get install prometheus)");
            return new Figures(samples, series, size, Optional.empty());
        }
        Path file = workDir.resolve("recording.om");
        openMetrics.write(file);
        PromtoolBlockSize prometheus = PromtoolBlockSize.measure(promtool.get(), file, workDir.resolve("promtool-blocks"));
        if (prometheus.samples() != samples) {
            throw new IllegalStateException("promtool's blocks hold " + prometheus.samples() + " samples, Loupe stored " + samples
                    + "; the OpenMetrics file " + file + " does not carry the same samples");
        }
        if (prometheus.blocks() == 1 && prometheus.series() != series) {
            throw new IllegalStateException("promtool's block holds " + prometheus.series() + " series, Loupe stored " + series);
        }
        System.err.printf("prometheus: %,d samples in %d block(s) (%,d series) from a %,d B OpenMetrics file in %.1f s: chunks %,d B "
                        + "(%.3f B/sample), index %,d B, whole blocks %,d B (%.3f B/sample)%n",
                prometheus.samples(), prometheus.blocks(), prometheus.series(), Files.size(file), prometheus.wallNanos() / 1e9,
                prometheus.chunkBytes(), (double) prometheus.chunkBytes() / samples, prometheus.indexBytes(),
                prometheus.wholeBytes(), (double) prometheus.wholeBytes() / samples);
        return new Figures(samples, series, size, Optional.of(prometheus));
    }
}
