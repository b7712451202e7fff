/**
 * The metric store: series registry, in-memory head, sealed segments and rollups.
 *
 * <p>{@link io.loupe.index.metric.DurableMetricStore} is the entry point. A sample goes to the
 * metric write-ahead log ({@code data/wal/metrics}, {@link io.loupe.index.metric.MetricWalRecord}),
 * then into the head: one {@link io.loupe.index.metric.HeadBlock} per block window
 * ({@code metrics.block_minutes}) holding a {@link io.loupe.index.metric.HeadSeries} per series.
 * {@link io.loupe.index.metric.SeriesRegistry} assigns stable series ids and resolves label
 * matchers through a small Lucene index ({@code data/metrics/series}). When a block can no longer
 * receive samples ({@code metrics.late_sample_minutes} after it ends) it is sealed into a raw
 * segment and its 5-minute and 1-hour rollups ({@code data/metrics/<raw|5m|1h>/<blockStart>.seg},
 * format in {@link io.loupe.index.metric.codec.MetricSegmentFormat}), and the log is truncated.
 *
 * <p><b>Invariants:</b> a segment refers only to series ids committed to the registry before it was
 * written; replay skips samples of sealed blocks, so a crash between sealing and truncating the log
 * neither loses nor duplicates samples; for any block a reader sees either the sealed segment or the
 * head, never both.
 */
package io.loupe.index.metric;
