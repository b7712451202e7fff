package io.loupe.ingest.parse;

/**
 * Limits every metric protocol parser enforces. A sample or line over a per-sample limit is rejected
 * on its own (with a {@link LineError} naming the limit and its setting); a request over
 * {@code maxSamplesPerRequest} is refused whole (413).
 *
 * @param maxSamplesPerRequest most samples one request may carry ({@code ingest.max_events_per_request})
 * @param maxLabelsPerSeries   most labels one series may have, the metric name not counted ({@code ingest.max_fields_per_event})
 * @param maxLabelValueBytes   longest label name or value in UTF-8 bytes ({@code ingest.max_label_value_bytes})
 * @param maxLineBytes         longest line of a text protocol ({@code ingest.max_line_bytes})
 */
public record MetricLimits(int maxSamplesPerRequest, int maxLabelsPerSeries, int maxLabelValueBytes, int maxLineBytes) {
    public static MetricLimits defaults() {
        return new MetricLimits(50_000, 64, 4096, 1 << 20);
    }
}
