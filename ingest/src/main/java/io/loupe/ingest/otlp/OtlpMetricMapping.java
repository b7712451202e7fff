package io.loupe.ingest.otlp;

import io.loupe.index.api.Labels;
import io.loupe.index.api.MetricSample;
import io.loupe.index.api.SeriesKey;
import io.loupe.index.api.StaleMarker;
import io.loupe.ingest.otlp.OtlpMetricsModel.Attribute;
import io.loupe.ingest.otlp.OtlpMetricsModel.DataPoint;
import io.loupe.ingest.otlp.OtlpMetricsModel.ExponentialHistogramPoint;
import io.loupe.ingest.otlp.OtlpMetricsModel.HistogramPoint;
import io.loupe.ingest.otlp.OtlpMetricsModel.Metric;
import io.loupe.ingest.otlp.OtlpMetricsModel.NumberPoint;
import io.loupe.ingest.otlp.OtlpMetricsModel.ResourceMetrics;
import io.loupe.ingest.otlp.OtlpMetricsModel.SummaryPoint;
import io.loupe.ingest.parse.InputExcerpt;
import io.loupe.ingest.parse.LineError;
import io.loupe.ingest.parse.MetricLimits;
import io.loupe.ingest.parse.ParsedSamples;
import io.loupe.ingest.parse.SampleCollector;
import io.loupe.ingest.wire.Utf8;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Turns the OTLP metrics of one request into samples (one instance per request; not thread-safe).
 *
 * <table>
 * <caption>OTLP metrics to Loupe samples</caption>
 * <tr><th>OTLP</th><th>Samples</th></tr>
 * <tr><td>Gauge, Sum number point</td><td>{@code <name>{labels}} = as_double, or as_int converted to double.
 *     Sums are stored as given whatever their temporality: {@code rate}/{@code increase} are meant for
 *     cumulative ones; a delta sum is a series of per-interval amounts.</td></tr>
 * <tr><td>Histogram point</td><td>{@code <name>_bucket{labels, le="<bound>"}} = cumulative count up to the
 *     bound (OTLP sends per-bucket counts), one per explicit bound and a last {@code le="+Inf"} (the sum of
 *     all bucket counts; {@code count} when there are no buckets); {@code <name>_sum} when the point has a
 *     sum; {@code <name>_count}.</td></tr>
 * <tr><td>Summary point</td><td>{@code <name>{labels, quantile="<q>"}} per quantile, {@code <name>_sum},
 *     {@code <name>_count}.</td></tr>
 * <tr><td>Exponential histogram point</td><td>rejected: not supported yet.</td></tr>
 * <tr><td>Metric name</td><td>kept verbatim (dots allowed), e.g. {@code system.cpu.time}.</td></tr>
 * <tr><td>Labels</td><td>resource attributes, then data point attributes (the point's value wins on a
 *     clash); scope attributes are ignored. Resource {@code host.name} becomes {@code host} (the label
 *     that joins logs and metrics), {@code service.name} becomes {@code service}; every other key is kept
 *     verbatim. Values: strings as they are, ints in decimal, doubles and bounds as Prometheus writes
 *     them ({@code 0.5}, {@code 1}, {@code 2.5}, {@code 1e+06}, {@code +Inf}), bools {@code true}/{@code false},
 *     bytes base64, arrays and key/value lists as compact JSON. An empty value is no label.</td></tr>
 * <tr><td>time_unix_nano</td><td>milliseconds (truncated); 0 means the time the request was received.</td></tr>
 * <tr><td>flags &amp; 1 (NO_RECORDED_VALUE)</td><td>every sample of the point is the stale marker
 *     ({@link StaleMarker#VALUE}), which ends the series.</td></tr>
 * </table>
 *
 * <p>A data point is rejected on its own (a {@link LineError} at its 1-based position among all data
 * points of the request; {@code rejected} counts data points, as OTLP's
 * {@code partial_success.rejected_data_points} does) when: its metric has no name or one longer than
 * {@code ingest.max_label_value_bytes}; an attribute key is empty, repeated within the point or within
 * the resource (after renaming), or its key or value is longer than {@code ingest.max_label_value_bytes};
 * it has more labels than {@code ingest.max_fields_per_event} ({@code le}/{@code quantile} not counted);
 * a number point has no value; a histogram's bucket counts do not number its bounds plus one, or its
 * bounds are not strictly increasing finite numbers (+Inf is implicit); an attribute is named {@code le}
 * (histograms) or {@code quantile} (summaries), which the mapping sets, or {@code __name__}; a summary
 * repeats a quantile; it is an exponential histogram. More samples than
 * {@code ingest.max_events_per_request} (each rejected point counted as one) refuse the request (413).
 */
final class OtlpMetricMapping {
    static final String HOST_LABEL = "host";
    static final String SERVICE_LABEL = "service";
    static final String BUCKET_LABEL = "le";
    static final String QUANTILE_LABEL = "quantile";
    static final String METRIC_NAME_LABEL = "__name__";
    private static final Map<String, String> RESOURCE_RENAMES = Map.of("host.name", HOST_LABEL, "service.name", SERVICE_LABEL);
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final SampleCollector collector;
    private final long receivedMillis;
    private int pointPosition;

    OtlpMetricMapping(MetricLimits limits, long receivedMillis) {
        this.collector = new SampleCollector(limits, limit -> "OTLP request has more than " + limit
                + " samples (ingest.max_events_per_request; a histogram point makes one sample per bucket plus _sum"
                + " and _count); send smaller batches (send_batch_max_size of the Collector's batch processor)");
        this.receivedMillis = receivedMillis;
    }

    void add(ResourceMetrics resource) {
        Map<String, String> resourceLabels = new HashMap<>();
        Map<String, String> labelSources = new HashMap<>();
        String resourceProblem = null;
        for (Attribute attribute : resource.resourceAttributes()) {
            String label = RESOURCE_RENAMES.getOrDefault(attribute.key(), attribute.key());
            resourceProblem = attributeProblem(attribute, "resource attribute");
            String earlierKey = labelSources.put(label, attribute.key());
            if (resourceProblem == null && earlierKey != null) {
                resourceProblem = earlierKey.equals(attribute.key())
                        ? "resource attribute " + InputExcerpt.of(label) + " appears more than once"
                        : "resource attributes " + earlierKey + " and " + attribute.key() + " both become label " + label;
            }
            if (resourceProblem != null) {
                break;
            }
            resourceLabels.put(label, attribute.value());
        }
        for (Metric metric : resource.metrics()) {
            String metricProblem = resourceProblem != null ? resourceProblem : metricNameProblem(metric.name());
            for (DataPoint point : metric.points()) {
                pointPosition++;
                collector.fromUnit(pointPosition);
                String problem = metricProblem != null ? metricProblem : addPoint(metric.name(), point, resourceLabels);
                if (problem != null) {
                    reject(metric.name(), problem);
                }
            }
        }
    }

    ParsedSamples result() {
        return collector.result();
    }

    /** Adds the point's samples, or answers why it cannot be stored. */
    private String addPoint(String name, DataPoint point, Map<String, String> resourceLabels) {
        if (point instanceof ExponentialHistogramPoint) {
            return "exponential histograms are not supported yet; configure the SDK or exporter to send"
                    + " explicit-bucket histograms";
        }
        Map<String, String> labels = new HashMap<>(resourceLabels);
        Set<String> pointKeys = new HashSet<>();
        for (Attribute attribute : point.attributes()) {
            String problem = attributeProblem(attribute, "attribute");
            if (problem != null) {
                return problem;
            }
            if (!pointKeys.add(attribute.key())) {
                return "attribute " + InputExcerpt.of(attribute.key()) + " appears more than once in the data point";
            }
            labels.put(attribute.key(), attribute.value());
        }
        Labels seriesLabels = Labels.of(labels);
        if (collector.tooManyLabels(seriesLabels.size())) {
            return collector.labelCountProblem("data point", seriesLabels.size(), "labels (resource and point attributes)");
        }
        long timestamp = point.timeUnixNano() == 0 ? receivedMillis : Long.divideUnsigned(point.timeUnixNano(), NANOS_PER_MILLI);
        return switch (point) {
            case NumberPoint number -> addNumber(name, seriesLabels, timestamp, number);
            case HistogramPoint histogram -> addHistogram(name, labels, timestamp, histogram);
            case SummaryPoint summary -> addSummary(name, labels, timestamp, summary);
            case ExponentialHistogramPoint exponential -> throw new IllegalStateException("handled above");
        };
    }

    private String addNumber(String name, Labels labels, long timestamp, NumberPoint point) {
        if (!point.hasValue() && !point.noRecordedValue()) {
            return "data point has no value (neither asDouble nor asInt is set)";
        }
        collector.countSample();
        collector.accept(new MetricSample(new SeriesKey(name, labels), timestamp, point.noRecordedValue() ? StaleMarker.VALUE : point.value()));
        return null;
    }

    private String addHistogram(String name, Map<String, String> labels, long timestamp, HistogramPoint point) {
        long[] counts = point.bucketCounts();
        double[] bounds = point.explicitBounds();
        if (labels.containsKey(BUCKET_LABEL)) {
            return "attribute le clashes with the bucket label the histogram's _bucket samples get";
        }
        if (counts.length != 0 && counts.length != bounds.length + 1 || counts.length == 0 && bounds.length != 0) {
            return "histogram has " + counts.length + " bucket counts for " + bounds.length
                    + " explicit bounds; expected one more count than bounds";
        }
        for (int i = 0; i < bounds.length; i++) {
            if (Double.isNaN(bounds[i]) || bounds[i] == Double.POSITIVE_INFINITY || i > 0 && !(bounds[i] > bounds[i - 1])) {
                return "histogram explicit bound " + PrometheusFloatFormat.format(bounds[i]) + " (position " + (i + 1)
                        + ") is not a finite number above the previous bound";
            }
        }
        collector.countSamples(bounds.length + 1 + (point.hasSum() ? 1 : 0) + 1);
        boolean stale = point.noRecordedValue();
        double cumulative = 0;
        for (int i = 0; i < bounds.length; i++) {
            cumulative += unsignedToDouble(counts[i]);
            addWithExtraLabel(name + "_bucket", labels, BUCKET_LABEL, PrometheusFloatFormat.format(bounds[i]), timestamp,
                    stale ? StaleMarker.VALUE : cumulative);
        }
        double total = counts.length == 0 ? unsignedToDouble(point.count()) : cumulative + unsignedToDouble(counts[counts.length - 1]);
        addWithExtraLabel(name + "_bucket", labels, BUCKET_LABEL, "+Inf", timestamp, stale ? StaleMarker.VALUE : total);
        Labels seriesLabels = Labels.of(labels);
        if (point.hasSum()) {
            collector.accept(new MetricSample(name + "_sum", seriesLabels, timestamp, stale ? StaleMarker.VALUE : point.sum()));
        }
        collector.accept(new MetricSample(name + "_count", seriesLabels, timestamp,
                stale ? StaleMarker.VALUE : unsignedToDouble(point.count())));
        return null;
    }

    private String addSummary(String name, Map<String, String> labels, long timestamp, SummaryPoint point) {
        if (labels.containsKey(QUANTILE_LABEL)) {
            return "attribute quantile clashes with the label the summary's quantile samples get";
        }
        String[] quantileLabels = new String[point.quantiles().length];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < quantileLabels.length; i++) {
            quantileLabels[i] = PrometheusFloatFormat.format(point.quantiles()[i]);
            if (!seen.add(quantileLabels[i])) {
                return "summary has quantile " + quantileLabels[i] + " more than once";
            }
        }
        collector.countSamples(quantileLabels.length + 2);
        boolean stale = point.noRecordedValue();
        for (int i = 0; i < quantileLabels.length; i++) {
            addWithExtraLabel(name, labels, QUANTILE_LABEL, quantileLabels[i], timestamp, stale ? StaleMarker.VALUE : point.values()[i]);
        }
        Labels seriesLabels = Labels.of(labels);
        collector.accept(new MetricSample(name + "_sum", seriesLabels, timestamp, stale ? StaleMarker.VALUE : point.sum()));
        collector.accept(new MetricSample(name + "_count", seriesLabels, timestamp,
                stale ? StaleMarker.VALUE : unsignedToDouble(point.count())));
        return null;
    }

    private void addWithExtraLabel(String name, Map<String, String> labels, String label, String value, long timestamp, double sample) {
        Map<String, String> withLabel = new HashMap<>(labels);
        withLabel.put(label, value);
        collector.accept(new MetricSample(name, Labels.of(withLabel), timestamp, sample));
    }

    private String metricNameProblem(String name) {
        if (name.isEmpty()) {
            return "metric has no name";
        }
        int bytes = Utf8.encodedLength(name);
        if (collector.labelTooLong(bytes)) {
            return collector.labelTooLongProblem("metric name", bytes);
        }
        return null;
    }

    private String attributeProblem(Attribute attribute, String what) {
        if (attribute.key().isEmpty()) {
            return what + " with an empty key (value '" + InputExcerpt.of(attribute.value()) + "')";
        }
        if (attribute.key().equals(METRIC_NAME_LABEL)) {
            return what + " " + METRIC_NAME_LABEL + " is reserved for the metric name";
        }
        int keyBytes = Utf8.encodedLength(attribute.key());
        if (collector.labelTooLong(keyBytes)) {
            return collector.labelTooLongProblem(what + " key " + InputExcerpt.of(attribute.key()), keyBytes);
        }
        int valueBytes = Utf8.encodedLength(attribute.value());
        if (collector.labelTooLong(valueBytes)) {
            return collector.labelTooLongProblem("value of " + what + " " + InputExcerpt.of(attribute.key()), valueBytes);
        }
        return null;
    }

    /** Rejects the current data point: it counts as one sample toward the request limit, and as one rejected point. */
    private void reject(String metricName, String problem) {
        collector.countSample();
        collector.reject(pointPosition, (metricName.isEmpty() ? "" : "metric " + InputExcerpt.of(metricName) + ": ") + problem);
    }

    private static double unsignedToDouble(long value) {
        return value >= 0 ? value : (double) (value >>> 1) * 2.0 + (value & 1);
    }
}
