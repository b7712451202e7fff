package io.loupe.ingest.otlp;

import java.util.List;

/**
 * The part of an OTLP {@code ExportMetricsServiceRequest} that becomes samples, as both encodings
 * (protobuf, JSON) decode it: resource attributes, and per metric its name and data points. Scopes,
 * descriptions, units, exemplars, start times and temporality are dropped at decode time. Attribute
 * values are already rendered as label text ({@link OtlpAttributeValue}). 64-bit counts and
 * timestamps are kept as the unsigned {@code fixed64} bits they are on the wire.
 */
final class OtlpMetricsModel {
    /** {@code flags & NO_RECORDED_VALUE}: the point marks the series as ended (a stale marker). */
    static final int FLAG_NO_RECORDED_VALUE = 1;

    private OtlpMetricsModel() {
    }

    /** One attribute, key and value as label text; duplicates are kept so the mapping can refuse them. */
    record Attribute(String key, String value) {
    }

    /** One {@code ResourceMetrics}: its resource's attributes and the metrics of all its scopes, in order. */
    record ResourceMetrics(List<Attribute> resourceAttributes, List<Metric> metrics) {
    }

    /** One {@code Metric}: its name and the points of whichever data it holds (gauge, sum, histogram, ...). */
    record Metric(String name, List<DataPoint> points) {
    }

    sealed interface DataPoint permits NumberPoint, HistogramPoint, SummaryPoint, ExponentialHistogramPoint {
        List<Attribute> attributes();

        long timeUnixNano();

        int flags();

        default boolean noRecordedValue() {
            return (flags() & FLAG_NO_RECORDED_VALUE) != 0;
        }
    }

    /**
     * A gauge or sum point; {@code hasValue} is false when neither {@code as_double} nor {@code as_int}
     * was set ({@code as_int} is already converted to double).
     */
    record NumberPoint(List<Attribute> attributes, long timeUnixNano, int flags, boolean hasValue, double value)
            implements DataPoint {
    }

    /** An explicit-bucket histogram point; {@code bucketCounts} per bucket, as on the wire (not cumulative). */
    record HistogramPoint(List<Attribute> attributes, long timeUnixNano, int flags, long count, boolean hasSum,
                          double sum, long[] bucketCounts, double[] explicitBounds) implements DataPoint {
    }

    /** A summary point; {@code quantiles[i]} goes with {@code values[i]}. */
    record SummaryPoint(List<Attribute> attributes, long timeUnixNano, int flags, long count, double sum,
                        double[] quantiles, double[] values) implements DataPoint {
    }

    /** An exponential histogram point: only counted, as it is rejected (not supported yet). */
    record ExponentialHistogramPoint(List<Attribute> attributes, long timeUnixNano, int flags) implements DataPoint {
    }
}
