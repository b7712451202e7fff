package io.loupe.ingest.otlp;

import static io.loupe.ingest.otlp.OtlpJsonCommonReader.array;
import static io.loupe.ingest.otlp.OtlpJsonCommonReader.field;
import static io.loupe.ingest.otlp.OtlpJsonCommonReader.fixed64;
import static io.loupe.ingest.otlp.OtlpJsonCommonReader.object;
import static io.loupe.ingest.otlp.OtlpJsonCommonReader.requestObject;
import static io.loupe.ingest.otlp.OtlpJsonCommonReader.text;
import static io.loupe.ingest.otlp.OtlpJsonCommonReader.toDouble;
import static io.loupe.ingest.otlp.OtlpJsonCommonReader.toLong;
import static io.loupe.ingest.otlp.OtlpJsonCommonReader.uint32;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.loupe.index.api.ErrorCode;
import io.loupe.ingest.otlp.OtlpMetricsModel.Attribute;
import io.loupe.ingest.otlp.OtlpMetricsModel.DataPoint;
import io.loupe.ingest.otlp.OtlpMetricsModel.ExponentialHistogramPoint;
import io.loupe.ingest.otlp.OtlpMetricsModel.HistogramPoint;
import io.loupe.ingest.otlp.OtlpMetricsModel.Metric;
import io.loupe.ingest.otlp.OtlpMetricsModel.NumberPoint;
import io.loupe.ingest.otlp.OtlpMetricsModel.ResourceMetrics;
import io.loupe.ingest.otlp.OtlpMetricsModel.SummaryPoint;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the OTLP/JSON encoding of {@code ExportMetricsServiceRequest} into {@link OtlpMetricsModel}
 * ({@code resourceMetrics}, {@code scopeMetrics}, {@code dataPoints}, {@code timeUnixNano},
 * {@code asDouble}, {@code asInt}, {@code bucketCounts}, {@code explicitBounds}, {@code quantileValues},
 * ...), with the rules of {@link OtlpJsonCommonReader} (snake_case keys accepted, 64-bit integers as
 * strings or numbers, attributes). Enums (temporality, ignored) may be numbers or names. A value of the
 * wrong JSON type is refused with {@link ErrorCode#INVALID_JSON} naming its path, e.g.
 * {@code resourceMetrics[0].scopeMetrics[0].metrics[2].sum.dataPoints[1].timeUnixNano}.
 */
final class OtlpMetricsJsonReader {
    private OtlpMetricsJsonReader() {
    }

    static void read(byte[] body, Consumer<ResourceMetrics> sink) {
        JsonNode root = requestObject(body, "ExportMetricsServiceRequest");
        ArrayNode resourceMetrics = array(root, "resourceMetrics", "");
        for (int i = 0; i < resourceMetrics.size(); i++) {
            sink.accept(readResourceMetrics(object(resourceMetrics.get(i), "resourceMetrics[" + i + "]"), "resourceMetrics[" + i + "]"));
        }
    }

    private static ResourceMetrics readResourceMetrics(JsonNode node, String path) {
        List<Attribute> resourceAttributes = new ArrayList<>();
        JsonNode resource = field(node, "resource");
        if (resource != null) {
            resourceAttributes = attributes(object(resource, path + ".resource"), path + ".resource");
        }
        List<Metric> metrics = new ArrayList<>();
        ArrayNode scopes = array(node, "scopeMetrics", path);
        for (int s = 0; s < scopes.size(); s++) {
            String scopePath = path + ".scopeMetrics[" + s + "]";
            ArrayNode scopeMetrics = array(object(scopes.get(s), scopePath), "metrics", scopePath);
            for (int m = 0; m < scopeMetrics.size(); m++) {
                String metricPath = scopePath + ".metrics[" + m + "]";
                metrics.add(readMetric(object(scopeMetrics.get(m), metricPath), metricPath));
            }
        }
        return new ResourceMetrics(resourceAttributes, metrics);
    }

    private static Metric readMetric(JsonNode node, String path) {
        JsonNode nameNode = field(node, "name");
        String name = nameNode == null ? "" : text(nameNode, path + ".name");
        List<DataPoint> points = new ArrayList<>();
        for (String dataKind : List.of("gauge", "sum", "histogram", "exponentialHistogram", "summary")) {
            JsonNode data = field(node, dataKind);
            if (data == null || data.isNull()) {
                continue;
            }
            String dataPath = path + "." + dataKind;
            ArrayNode dataPoints = array(object(data, dataPath), "dataPoints", dataPath);
            for (int p = 0; p < dataPoints.size(); p++) {
                String pointPath = dataPath + ".dataPoints[" + p + "]";
                JsonNode point = object(dataPoints.get(p), pointPath);
                points.add(switch (dataKind) {
                    case "histogram" -> readHistogramPoint(point, pointPath);
                    case "exponentialHistogram" -> new ExponentialHistogramPoint(attributes(point, pointPath),
                            fixed64(point, "timeUnixNano", pointPath), flags(point, pointPath));
                    case "summary" -> readSummaryPoint(point, pointPath);
                    default -> readNumberPoint(point, pointPath);
                });
            }
        }
        return new Metric(name, points);
    }

    private static NumberPoint readNumberPoint(JsonNode point, String path) {
        JsonNode asDouble = field(point, "asDouble");
        JsonNode asInt = field(point, "asInt");
        boolean hasValue = false;
        double value = 0;
        if (asDouble != null && !asDouble.isNull()) {
            value = toDouble(asDouble, path + ".asDouble");
            hasValue = true;
        } else if (asInt != null && !asInt.isNull()) {
            value = toLong(asInt, false, path + ".asInt");
            hasValue = true;
        }
        return new NumberPoint(attributes(point, path), fixed64(point, "timeUnixNano", path), flags(point, path), hasValue, value);
    }

    private static HistogramPoint readHistogramPoint(JsonNode point, String path) {
        JsonNode sum = field(point, "sum");
        boolean hasSum = sum != null && !sum.isNull();
        ArrayNode counts = array(point, "bucketCounts", path);
        long[] bucketCounts = new long[counts.size()];
        for (int i = 0; i < bucketCounts.length; i++) {
            bucketCounts[i] = toLong(counts.get(i), true, path + ".bucketCounts[" + i + "]");
        }
        ArrayNode bounds = array(point, "explicitBounds", path);
        double[] explicitBounds = new double[bounds.size()];
        for (int i = 0; i < explicitBounds.length; i++) {
            explicitBounds[i] = toDouble(bounds.get(i), path + ".explicitBounds[" + i + "]");
        }
        return new HistogramPoint(attributes(point, path), fixed64(point, "timeUnixNano", path), flags(point, path),
                fixed64(point, "count", path), hasSum, hasSum ? toDouble(sum, path + ".sum") : 0, bucketCounts, explicitBounds);
    }

    private static SummaryPoint readSummaryPoint(JsonNode point, String path) {
        JsonNode sum = field(point, "sum");
        ArrayNode quantileValues = array(point, "quantileValues", path);
        double[] quantiles = new double[quantileValues.size()];
        double[] values = new double[quantileValues.size()];
        for (int i = 0; i < quantiles.length; i++) {
            String quantilePath = path + ".quantileValues[" + i + "]";
            JsonNode quantileValue = object(quantileValues.get(i), quantilePath);
            JsonNode quantile = field(quantileValue, "quantile");
            JsonNode value = field(quantileValue, "value");
            quantiles[i] = quantile == null || quantile.isNull() ? 0 : toDouble(quantile, quantilePath + ".quantile");
            values[i] = value == null || value.isNull() ? 0 : toDouble(value, quantilePath + ".value");
        }
        return new SummaryPoint(attributes(point, path), fixed64(point, "timeUnixNano", path), flags(point, path),
                fixed64(point, "count", path), sum == null || sum.isNull() ? 0 : toDouble(sum, path + ".sum"), quantiles, values);
    }

    private static List<Attribute> attributes(JsonNode owner, String path) {
        List<OtlpKeyValue> keyValues = OtlpJsonCommonReader.attributes(owner, path);
        List<Attribute> attributes = new ArrayList<>(keyValues.size());
        for (OtlpKeyValue keyValue : keyValues) {
            attributes.add(new Attribute(keyValue.key(), OtlpAttributeValue.labelText(keyValue.value())));
        }
        return attributes;
    }

    private static int flags(JsonNode point, String path) {
        return uint32(point, "flags", path);
    }
}
