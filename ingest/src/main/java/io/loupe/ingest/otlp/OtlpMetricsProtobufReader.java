package io.loupe.ingest.otlp;

import static io.loupe.ingest.otlp.OtlpProtobufCommonReader.fixed64;
import static io.loupe.ingest.otlp.OtlpProtobufCommonReader.float64;
import static io.loupe.ingest.otlp.OtlpProtobufCommonReader.forEachMessage;
import static io.loupe.ingest.otlp.OtlpProtobufCommonReader.message;
import static io.loupe.ingest.otlp.OtlpProtobufCommonReader.string;
import static io.loupe.ingest.wire.ProtobufReader.WIRE_TYPE_VARINT;
import static io.loupe.ingest.wire.ProtobufReader.fieldNumber;

import io.loupe.ingest.otlp.OtlpMetricsModel.Attribute;
import io.loupe.ingest.otlp.OtlpMetricsModel.DataPoint;
import io.loupe.ingest.otlp.OtlpMetricsModel.ExponentialHistogramPoint;
import io.loupe.ingest.otlp.OtlpMetricsModel.HistogramPoint;
import io.loupe.ingest.otlp.OtlpMetricsModel.Metric;
import io.loupe.ingest.otlp.OtlpMetricsModel.NumberPoint;
import io.loupe.ingest.otlp.OtlpMetricsModel.ResourceMetrics;
import io.loupe.ingest.otlp.OtlpMetricsModel.SummaryPoint;
import io.loupe.ingest.wire.ProtobufReader;
import io.loupe.ingest.wire.WireFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.DoubleStream;
import java.util.stream.LongStream;

/**
 * Reads the protobuf encoding of {@code ExportMetricsServiceRequest} into {@link OtlpMetricsModel},
 * one {@code ResourceMetrics} at a time. Field numbers (opentelemetry-proto,
 * {@code collector/metrics/v1/metrics_service.proto}, {@code metrics/v1/metrics.proto},
 * {@code common/v1/common.proto}, {@code resource/v1/resource.proto}); fields not listed are skipped:
 * <pre>
 * ExportMetricsServiceRequest  resource_metrics=1
 * ResourceMetrics              resource=1 scope_metrics=2
 * Resource                     attributes=1 (KeyValue)
 * ScopeMetrics                 metrics=2                              (scope=1 skipped)
 * Metric                       name=1 gauge=5 sum=7 histogram=9 exponential_histogram=10 summary=11
 * Gauge, Sum, Histogram,
 * ExponentialHistogram, Summary data_points=1
 * NumberDataPoint              attributes=7 time_unix_nano=3 (fixed64) as_double=4 (double)
 *                              as_int=6 (sfixed64) flags=8 (uint32)
 * HistogramDataPoint           attributes=9 time_unix_nano=3 count=4 (fixed64) sum=5 (optional double)
 *                              bucket_counts=6 (repeated fixed64) explicit_bounds=7 (repeated double) flags=10
 * ExponentialHistogramDataPoint attributes=1 time_unix_nano=3 flags=10
 * SummaryDataPoint             attributes=7 time_unix_nano=3 count=4 (fixed64) sum=5 (double)
 *                              quantile_values=6 flags=8
 * ValueAtQuantile              quantile=1 value=2 (double)
 * </pre>
 * {@code KeyValue} and {@code AnyValue} are read by {@link OtlpProtobufCommonReader}.
 * A known field with the wrong wire type, or anything malformed, ends in {@link WireFormatException}.
 * Every data point type has attributes, {@code time_unix_nano} and {@code flags}, at numbers of its
 * own: {@link PointFields} reads those, each point reader the rest.
 */
final class OtlpMetricsProtobufReader {
    /** {@code time_unix_nano} has the same number in every data point type. */
    private static final int TIME_UNIX_NANO = 3;

    private OtlpMetricsProtobufReader() {
    }

    static void read(byte[] body, Consumer<ResourceMetrics> sink) {
        forEachMessage(new ProtobufReader(body), 1, resourceMetrics -> sink.accept(readResourceMetrics(resourceMetrics)));
    }

    private static ResourceMetrics readResourceMetrics(ProtobufReader reader) {
        List<Attribute> resourceAttributes = new ArrayList<>();
        List<Metric> metrics = new ArrayList<>();
        while (reader.hasRemaining()) {
            int tag = reader.readTag();
            switch (fieldNumber(tag)) {
                case 1 -> forEachMessage(message(reader, tag), 1, attribute -> resourceAttributes.add(readAttribute(attribute)));
                case 2 -> forEachMessage(message(reader, tag), 2, metric -> metrics.add(readMetric(metric)));
                default -> reader.skipField(tag);
            }
        }
        return new ResourceMetrics(resourceAttributes, metrics);
    }

    private static Metric readMetric(ProtobufReader reader) {
        String name = "";
        List<DataPoint> points = new ArrayList<>();
        while (reader.hasRemaining()) {
            int tag = reader.readTag();
            int field = fieldNumber(tag);
            switch (field) {
                case 1 -> name = string(reader, tag);
                case 5, 7, 9, 10, 11 -> forEachMessage(message(reader, tag), 1, point -> points.add(switch (field) {
                    case 9 -> readHistogramPoint(point);
                    case 10 -> readExponentialHistogramPoint(point);
                    case 11 -> readSummaryPoint(point);
                    default -> readNumberPoint(point);
                }));
                default -> reader.skipField(tag);
            }
        }
        return new Metric(name, points);
    }

    private static NumberPoint readNumberPoint(ProtobufReader reader) {
        PointFields common = new PointFields(7, 8);
        boolean hasValue = false;
        double value = 0;
        while (reader.hasRemaining()) {
            int tag = reader.readTag();
            if (!common.read(reader, tag)) {
                switch (fieldNumber(tag)) {
                    case 4 -> {
                        value = float64(reader, tag);
                        hasValue = true;
                    }
                    case 6 -> {
                        value = fixed64(reader, tag);
                        hasValue = true;
                    }
                    default -> reader.skipField(tag);
                }
            }
        }
        return new NumberPoint(common.attributes, common.time, common.flags, hasValue, value);
    }

    private static HistogramPoint readHistogramPoint(ProtobufReader reader) {
        PointFields common = new PointFields(9, 10);
        long count = 0;
        boolean hasSum = false;
        double sum = 0;
        LongStream.Builder bucketCounts = LongStream.builder();
        DoubleStream.Builder explicitBounds = DoubleStream.builder();
        while (reader.hasRemaining()) {
            int tag = reader.readTag();
            if (!common.read(reader, tag)) {
                switch (fieldNumber(tag)) {
                    case 4 -> count = fixed64(reader, tag);
                    case 5 -> {
                        sum = float64(reader, tag);
                        hasSum = true;
                    }
                    case 6 -> reader.readRepeatedFixed64(tag, bucketCounts);
                    case 7 -> reader.readRepeatedDouble(tag, explicitBounds);
                    default -> reader.skipField(tag);
                }
            }
        }
        return new HistogramPoint(common.attributes, common.time, common.flags, count, hasSum, sum, bucketCounts.build().toArray(),
                explicitBounds.build().toArray());
    }

    private static ExponentialHistogramPoint readExponentialHistogramPoint(ProtobufReader reader) {
        PointFields common = new PointFields(1, 10);
        while (reader.hasRemaining()) {
            int tag = reader.readTag();
            if (!common.read(reader, tag)) {
                reader.skipField(tag);
            }
        }
        return new ExponentialHistogramPoint(common.attributes, common.time, common.flags);
    }

    private static SummaryPoint readSummaryPoint(ProtobufReader reader) {
        PointFields common = new PointFields(7, 8);
        long count = 0;
        double sum = 0;
        DoubleStream.Builder quantiles = DoubleStream.builder();
        DoubleStream.Builder values = DoubleStream.builder();
        while (reader.hasRemaining()) {
            int tag = reader.readTag();
            if (!common.read(reader, tag)) {
                switch (fieldNumber(tag)) {
                    case 4 -> count = fixed64(reader, tag);
                    case 5 -> sum = float64(reader, tag);
                    case 6 -> {
                        ProtobufReader quantileValue = message(reader, tag);
                        double quantile = 0;
                        double value = 0;
                        while (quantileValue.hasRemaining()) {
                            int quantileTag = quantileValue.readTag();
                            switch (fieldNumber(quantileTag)) {
                                case 1 -> quantile = float64(quantileValue, quantileTag);
                                case 2 -> value = float64(quantileValue, quantileTag);
                                default -> quantileValue.skipField(quantileTag);
                            }
                        }
                        quantiles.add(quantile);
                        values.add(value);
                    }
                    default -> reader.skipField(tag);
                }
            }
        }
        return new SummaryPoint(common.attributes, common.time, common.flags, count, sum, quantiles.build().toArray(),
                values.build().toArray());
    }

    private static Attribute readAttribute(ProtobufReader reader) {
        OtlpKeyValue keyValue = OtlpProtobufCommonReader.keyValue(reader);
        return new Attribute(keyValue.key(), OtlpAttributeValue.labelText(keyValue.value()));
    }

    /**
     * What every data point type has: attributes (repeated KeyValue), {@code time_unix_nano} (fixed64)
     * and {@code flags} (uint32), the first and last at the type's own field numbers.
     */
    private static final class PointFields {
        private final int attributesField;
        private final int flagsField;
        final List<Attribute> attributes = new ArrayList<>();
        long time;
        int flags;

        PointFields(int attributesField, int flagsField) {
            this.attributesField = attributesField;
            this.flagsField = flagsField;
        }

        /** Reads the field when it is one of these; false when it is not, for the point reader to read or skip. */
        boolean read(ProtobufReader reader, int tag) {
            int field = fieldNumber(tag);
            if (field == attributesField) {
                attributes.add(readAttribute(message(reader, tag)));
            } else if (field == TIME_UNIX_NANO) {
                time = fixed64(reader, tag);
            } else if (field == flagsField) {
                reader.expectWireType(tag, WIRE_TYPE_VARINT);
                flags = reader.readVarint32();
            } else {
                return false;
            }
            return true;
        }
    }
}
