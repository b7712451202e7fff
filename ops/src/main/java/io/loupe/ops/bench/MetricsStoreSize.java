package io.loupe.ops.bench;

import io.loupe.index.api.MetricResolution;
import io.loupe.index.metric.DurableMetricStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a metric store's bytes went once its blocks are sealed: raw segments (the samples
 * themselves), 5-minute and 1-hour rollups, and the series index (series keys and the label index).
 * The write-ahead log is not counted: it is truncated once the blocks are sealed.
 */
record MetricsStoreSize(long rawBytes, long rollupBytes, long seriesIndexBytes) {

    /** Measures a store opened on {@code dataDir}; call after its blocks are sealed. */
    static MetricsStoreSize of(DurableMetricStore store, Path dataDir) throws IOException {
        store.commit();
        return new MetricsStoreSize(store.segmentBytes(MetricResolution.RAW),
                store.segmentBytes(MetricResolution.FIVE_MINUTES) + store.segmentBytes(MetricResolution.ONE_HOUR),
                PromtoolBlockSize.bytesUnder(dataDir.resolve("metrics").resolve("series")));
    }

    String describe(long samples, int series) {
        return String.format(Locale.ROOT, "raw segments %,d B (%.3f B/sample), rollups %,d B, series index %,d B (%.0f B/series)",
                rawBytes, (double) rawBytes / samples, rollupBytes, seriesIndexBytes, (double) seriesIndexBytes / series);
    }
}
