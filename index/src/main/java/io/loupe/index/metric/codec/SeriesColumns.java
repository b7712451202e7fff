package io.loupe.index.metric.codec;

/**
 * One series' data from a segment: {@code count} timestamps, strictly ascending, and the value
 * columns aligned with them: one column for raw samples, six for rollups in the order min, max, sum,
 * count, last, increase ({@link MetricSegmentFormat#ROLLUP_COLUMNS}). The arrays belong to the
 * caller; each read returns fresh ones.
 */
public record SeriesColumns(long[] timestamps, double[][] columns, int count) {
}
