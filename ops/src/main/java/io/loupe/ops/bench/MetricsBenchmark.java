package io.loupe.ops.bench;

import io.loupe.index.metric.DurableMetricStore;
import io.loupe.ops.config.LoupeConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * {@code ./loupe bench metrics}: metric storage on real node_exporter data, ingest rate and range
 * query latency.
 *
 * <ol>
 *   <li>Record a local node_exporter once a second for {@code --record-seconds} (or load saved
 *       scrapes; see {@link NodeExporterRecording}).</li>
 *   <li>Compression, the headline: the recording as recorded into a fresh store, sealed, bytes per
 *       sample; and, with {@code promtool} installed, Prometheus's blocks for the same samples
 *       ({@link MetricsCompression}).</li>
 *   <li>Ingest: the recording replayed cyclically for {@code --hosts} hosts every
 *       {@code --interval-seconds} over {@code --hours} of simulated time, at full speed, into a
 *       second fresh store ({@link MetricsReplayIngest}); meanwhile the heap is watched.</li>
 *   <li>Queries over that whole range at a 1-minute step ({@link MetricsRangeQueries}).</li>
 * </ol>
 * The stores take their settings from {@code LOUPE_*} environment variables, as the server would.
 */
final class MetricsBenchmark {
    private static final double MIB = 1024.0 * 1024.0;

    private MetricsBenchmark() {
    }

    static ResultLine run(MetricsBenchOptions options, Map<String, String> environment) throws Exception {
        try (TempDirectory work = TempDirectory.create("loupe-bench-metrics-")) {
            NodeExporterRecording recording = options.scrapes() != null
                    ? NodeExporterRecording.load(options.scrapes())
                    : NodeExporterRecording.record(options.recordSeconds(), work.path());
            if (options.saveScrapes() != null) {
                recording.save(options.saveScrapes());
            }
            LoupeConfig settings = LoupeConfig.load(null, System.getenv(), Map.of());
            MetricsCompression.Figures compression = MetricsCompression.run(recording, work.path(), settings);
            System.err.println("ingest: the recorded bodies are replayed cyclically, so the stored values repeat: the bytes per "
                    + "sample of this phase are not the headline; those of the recording as recorded are");
            long intervalMillis = options.intervalSeconds() * 1000L;
            long end = Math.floorDiv(recording.scrapes().getFirst().tickMillis(), intervalMillis) * intervalMillis;
            long start = end - options.ticks() * intervalMillis;
            ReplayClock clock = new ReplayClock(start);
            MetricsReplayIngest.Figures ingest;
            MetricsRangeQueries.Figures queries;
            MetricsStoreSize replaySize;
            Path dataDir = work.path().resolve("replay-loupe");
            HeapPeakMonitor heap = HeapPeakMonitor.start();
            try (DurableMetricStore store = DurableMetricStore.open(dataDir, settings.metricStore(), settings.wal(), clock)) {
                ingest = new MetricsReplayIngest(recording, store, settings, clock, options, start).run();
                replaySize = MetricsStoreSize.of(store, dataDir);
                System.err.printf("ingest: %,d samples (%,d scrapes of %d hosts, %s to %s) in %.1f s = %,.0f samples/s, parsing included; "
                                + "%d blocks sealed in %.1f s of it; %,d series%n",
                        ingest.samples(), ingest.scrapes(), options.hosts(), Instant.ofEpochMilli(start),
                        Instant.ofEpochMilli(ingest.endMillis()),
                        ingest.wallNanos() / 1e9, ingest.samplesPerSecond(), ingest.sealedBlocks(), ingest.sealNanos() / 1e9,
                        store.seriesCount());
                if (ingest.samplesSealed() > 0) {
                    System.err.printf("ingest: sealed raw segments %,d B for %,d samples = %.3f B/sample (repeated values)%n",
                            replaySize.rawBytes(), ingest.samplesSealed(), (double) replaySize.rawBytes() / ingest.samplesSealed());
                }
                queries = MetricsRangeQueries.run(store, settings.search(), start, ingest.endMillis(), options.queries());
            } finally {
                heap.close();
            }
            System.err.printf("heap while ingesting and querying: peak %.0f MiB, peak after GC %.0f MiB, %d collections%n",
                    heap.peakUsedBytes() / MIB, heap.peakAfterGcBytes() / MIB, heap.collections());
            return resultLine(options, environment, recording, compression, ingest, queries, heap);
        }
    }

    private static ResultLine resultLine(MetricsBenchOptions options, Map<String, String> environment, NodeExporterRecording recording,
                                         MetricsCompression.Figures compression, MetricsReplayIngest.Figures ingest,
                                         MetricsRangeQueries.Figures queries, HeapPeakMonitor heap) {
        long samples = compression.samples();
        MetricsStoreSize loupe = compression.loupe();
        ResultLine result = new ResultLine()
                .put("benchmark", "metrics")
                .put("scrapes", recording.scrapes().size())
                .put("series", compression.series())
                .put("samples", samples)
                .put("bytes_per_sample", (double) loupe.rawBytes() / samples, 3)
                .put("bytes_per_sample_with_series_index", (double) (loupe.rawBytes() + loupe.seriesIndexBytes()) / samples, 3)
                .put("series_index_bytes", loupe.seriesIndexBytes())
                .put("rollup_bytes", loupe.rollupBytes());
        compression.prometheus().ifPresent(prometheus -> result
                .put("prometheus_bytes_per_sample", (double) prometheus.wholeBytes() / samples, 3)
                .put("prometheus_chunk_bytes_per_sample", (double) prometheus.chunkBytes() / samples, 3));
        return result
                .put("ingest_hosts", options.hosts())
                .put("ingest_samples", ingest.samples())
                .put("ingest_seconds", ingest.wallNanos() / 1e9, 1)
                .put("samples_per_s", Math.round(ingest.samplesPerSecond()))
                .put("query_range_hours", options.hours())
                .put("query_step_s", MetricsRangeQueries.STEP_MILLIS / 1000)
                .put("queries", queries.all().count())
                .put("query_p50_ms", queries.all().percentileMillis(50), 2)
                .put("query_p99_ms", queries.all().percentileMillis(99), 2)
                .put("query_kinds", MetricsRangeQueries.describeKinds())
                .put("heap_peak_mib", Math.round(heap.peakUsedBytes() / MIB))
                .put("heap_peak_after_gc_mib", Math.round(heap.peakAfterGcBytes() / MIB))
                .put("command", options.command(environment));
    }
}
