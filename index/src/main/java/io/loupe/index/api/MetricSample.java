package io.loupe.index.api;

/**
 * One metric sample: a value of a series at a moment. Values keep their exact bits (NaN payloads,
 * -0.0, infinities); {@link StaleMarker} is the NaN that ends a series, as in Prometheus.
 *
 * @param timestampMillis milliseconds since the epoch, UTC
 */
public record MetricSample(SeriesKey series, long timestampMillis, double value) {
    public MetricSample(String name, Labels labels, long timestampMillis, double value) {
        this(new SeriesKey(name, labels), timestampMillis, value);
    }
}
