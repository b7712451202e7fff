package io.loupe.ingest.otlp;

import static io.loupe.ingest.wire.ProtobufReader.WIRE_TYPE_FIXED64;
import static io.loupe.ingest.wire.ProtobufReader.WIRE_TYPE_LENGTH_DELIMITED;
import static io.loupe.ingest.wire.ProtobufReader.WIRE_TYPE_VARINT;
import static io.loupe.ingest.wire.ProtobufReader.fieldNumber;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Base64;
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
 * KeyValue                     key=1 value=2 (AnyValue)
 * AnyValue                     string_value=1 bool_value=2 int_value=3 double_value=4
 *                              array_value=5 (ArrayValue values=1) kvlist_value=6 (KeyValueList values=1) bytes_value=7
 * </pre>
 * A known field with the wrong wire type, or anything malformed, ends in {@link WireFormatException}.
 */
final class OtlpProtobufReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OtlpProtobufReader() {
    }

    static void read(byte[] body, Consumer<ResourceMetrics> sink) {
        ProtobufReader request = new ProtobufReader(body);
        while (request.hasRemaining()) {
            int tag = request.readTag();
            if (fieldNumber(tag) == 1) {
                request.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                sink.accept(readResourceMetrics(request.readMessage()));
            } else {
                request.skipField(tag);
            }
        }
    }

    private static ResourceMetrics readResourceMetrics(ProtobufReader reader) {
        List<Attribute> resourceAttributes = new ArrayList<>();
        List<Metric> metrics = new ArrayList<>();
        while (reader.hasRemaining()) {
            int tag = reader.readTag();
            switch (fieldNumber(tag)) {
                case 1 -> {
                    reader.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                    ProtobufReader resource = reader.readMessage();
                    while (resource.hasRemaining()) {
                        int resourceTag = resource.readTag();
                        if (fieldNumber(resourceTag) == 1) {
                            resource.expectWireType(resourceTag, WIRE_TYPE_LENGTH_DELIMITED);
                            resourceAttributes.add(readKeyValue(resource.readMessage()));
                        } else {
                            resource.skipField(resourceTag);
                        }
                    }
                }
                case 2 -> {
                    reader.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                    ProtobufReader scope = reader.readMessage();
                    while (scope.hasRemaining()) {
                        int scopeTag = scope.readTag();
                        if (fieldNumber(scopeTag) == 2) {
                            scope.expectWireType(scopeTag, WIRE_TYPE_LENGTH_DELIMITED);
                            metrics.add(readMetric(scope.readMessage()));
                        } else {
                            scope.skipField(scopeTag);
                        }
                    }
                }
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
            if (field == 1) {
                reader.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                name = reader.readString();
            } else if (field == 5 || field == 7 || field == 9 || field == 10 || field == 11) {
                reader.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                ProtobufReader data = reader.readMessage();
                while (data.hasRemaining()) {
                    int dataTag = data.readTag();
                    if (fieldNumber(dataTag) == 1) {
                        data.expectWireType(dataTag, WIRE_TYPE_LENGTH_DELIMITED);
                        ProtobufReader point = data.readMessage();
                        points.add(switch (field) {
                            case 9 -> readHistogramPoint(point);
                            case 10 -> readExponentialHistogramPoint(point);
                            case 11 -> readSummaryPoint(point);
                            default -> readNumberPoint(point);
                        });
                    } else {
                        data.skipField(dataTag);
                    }
                }
            } else {
                reader.skipField(tag);
            }
        }
        return new Metric(name, points);
    }

    private static NumberPoint readNumberPoint(ProtobufReader reader) {
        List<Attribute> attributes = new ArrayList<>();
        long time = 0;
        int flags = 0;
        boolean hasValue = false;
        double value = 0;
        while (reader.hasRemaining()) {
            int tag = reader.readTag();
            switch (fieldNumber(tag)) {
                case 7 -> {
                    reader.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                    attributes.add(readKeyValue(reader.readMessage()));
                }
                case 3 -> {
                    reader.expectWireType(tag, WIRE_TYPE_FIXED64);
                    time = reader.readFixed64();
                }
                case 4 -> {
                    reader.expectWireType(tag, WIRE_TYPE_FIXED64);
                    value = reader.readDouble();
                    hasValue = true;
                }
                case 6 -> {
                    reader.expectWireType(tag, WIRE_TYPE_FIXED64);
                    value = reader.readFixed64();
                    hasValue = true;
                }
                case 8 -> {
                    reader.expectWireType(tag, WIRE_TYPE_VARINT);
                    flags = reader.readVarint32();
                }
                default -> reader.skipField(tag);
            }
        }
        return new NumberPoint(attributes, time, flags, hasValue, value);
    }

    private static HistogramPoint readHistogramPoint(ProtobufReader reader) {
        List<Attribute> attributes = new ArrayList<>();
        long time = 0;
        int flags = 0;
        long count = 0;
        boolean hasSum = false;
        double sum = 0;
        LongStream.Builder bucketCounts = LongStream.builder();
        DoubleStream.Builder explicitBounds = DoubleStream.builder();
        while (reader.hasRemaining()) {
            int tag = reader.readTag();
            switch (fieldNumber(tag)) {
                case 9 -> {
                    reader.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                    attributes.add(readKeyValue(reader.readMessage()));
                }
                case 3 -> {
                    reader.expectWireType(tag, WIRE_TYPE_FIXED64);
                    time = reader.readFixed64();
                }
                case 4 -> {
                    reader.expectWireType(tag, WIRE_TYPE_FIXED64);
                    count = reader.readFixed64();
                }
                case 5 -> {
                    reader.expectWireType(tag, WIRE_TYPE_FIXED64);
                    sum = reader.readDouble();
                    hasSum = true;
                }
                case 6 -> reader.readRepeatedFixed64(tag, bucketCounts);
                case 7 -> reader.readRepeatedDouble(tag, explicitBounds);
                case 10 -> {
                    reader.expectWireType(tag, WIRE_TYPE_VARINT);
                    flags = reader.readVarint32();
                }
                default -> reader.skipField(tag);
            }
        }
        return new HistogramPoint(attributes, time, flags, count, hasSum, sum, bucketCounts.build().toArray(),
                explicitBounds.build().toArray());
    }

    private static ExponentialHistogramPoint readExponentialHistogramPoint(ProtobufReader reader) {
        List<Attribute> attributes = new ArrayList<>();
        long time = 0;
        int flags = 0;
        while (reader.hasRemaining()) {
            int tag = reader.readTag();
            switch (fieldNumber(tag)) {
                case 1 -> {
                    reader.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                    attributes.add(readKeyValue(reader.readMessage()));
                }
                case 3 -> {
                    reader.expectWireType(tag, WIRE_TYPE_FIXED64);
                    time = reader.readFixed64();
                }
                case 10 -> {
                    reader.expectWireType(tag, WIRE_TYPE_VARINT);
                    flags = reader.readVarint32();
                }
                default -> reader.skipField(tag);
            }
        }
        return new ExponentialHistogramPoint(attributes, time, flags);
    }

    private static SummaryPoint readSummaryPoint(ProtobufReader reader) {
        List<Attribute> attributes = new ArrayList<>();
        long time = 0;
        int flags = 0;
        long count = 0;
        double sum = 0;
        DoubleStream.Builder quantiles = DoubleStream.builder();
        DoubleStream.Builder values = DoubleStream.builder();
        while (reader.hasRemaining()) {
            int tag = reader.readTag();
            switch (fieldNumber(tag)) {
                case 7 -> {
                    reader.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                    attributes.add(readKeyValue(reader.readMessage()));
                }
                case 3 -> {
                    reader.expectWireType(tag, WIRE_TYPE_FIXED64);
                    time = reader.readFixed64();
                }
                case 4 -> {
                    reader.expectWireType(tag, WIRE_TYPE_FIXED64);
                    count = reader.readFixed64();
                }
                case 5 -> {
                    reader.expectWireType(tag, WIRE_TYPE_FIXED64);
                    sum = reader.readDouble();
                }
                case 6 -> {
                    reader.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                    ProtobufReader quantileValue = reader.readMessage();
                    double quantile = 0;
                    double value = 0;
                    while (quantileValue.hasRemaining()) {
                        int quantileTag = quantileValue.readTag();
                        switch (fieldNumber(quantileTag)) {
                            case 1 -> {
                                quantileValue.expectWireType(quantileTag, WIRE_TYPE_FIXED64);
                                quantile = quantileValue.readDouble();
                            }
                            case 2 -> {
                                quantileValue.expectWireType(quantileTag, WIRE_TYPE_FIXED64);
                                value = quantileValue.readDouble();
                            }
                            default -> quantileValue.skipField(quantileTag);
                        }
                    }
                    quantiles.add(quantile);
                    values.add(value);
                }
                case 8 -> {
                    reader.expectWireType(tag, WIRE_TYPE_VARINT);
                    flags = reader.readVarint32();
                }
                default -> reader.skipField(tag);
            }
        }
        return new SummaryPoint(attributes, time, flags, count, sum, quantiles.build().toArray(), values.build().toArray());
    }

    private static Attribute readKeyValue(ProtobufReader reader) {
        String key = "";
        JsonNode value = null;
        while (reader.hasRemaining()) {
            int tag = reader.readTag();
            switch (fieldNumber(tag)) {
                case 1 -> {
                    reader.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                    key = reader.readString();
                }
                case 2 -> {
                    reader.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                    int start = reader.position();
                    value = readAnyValue(reader.readMessage(), 1, start);
                }
                default -> reader.skipField(tag);
            }
        }
        return new Attribute(key, OtlpAttributeValue.labelText(value));
    }

    /** An {@code AnyValue} as a plain JSON tree; null when unset. */
    private static JsonNode readAnyValue(ProtobufReader reader, int depth, int offset) {
        if (depth > OtlpAttributeValue.MAX_DEPTH) {
            throw new WireFormatException("attribute value nested more than " + OtlpAttributeValue.MAX_DEPTH + " levels deep", offset);
        }
        JsonNode value = null;
        while (reader.hasRemaining()) {
            int tag = reader.readTag();
            switch (fieldNumber(tag)) {
                case 1 -> {
                    reader.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                    value = NODES.textNode(reader.readString());
                }
                case 2 -> {
                    reader.expectWireType(tag, WIRE_TYPE_VARINT);
                    value = NODES.booleanNode(reader.readBool());
                }
                case 3 -> {
                    reader.expectWireType(tag, WIRE_TYPE_VARINT);
                    value = NODES.numberNode(reader.readVarint64());
                }
                case 4 -> {
                    reader.expectWireType(tag, WIRE_TYPE_FIXED64);
                    value = NODES.numberNode(reader.readDouble());
                }
                case 5 -> {
                    reader.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                    int start = reader.position();
                    ProtobufReader array = reader.readMessage();
                    ArrayNode values = NODES.arrayNode();
                    while (array.hasRemaining()) {
                        int arrayTag = array.readTag();
                        if (fieldNumber(arrayTag) == 1) {
                            array.expectWireType(arrayTag, WIRE_TYPE_LENGTH_DELIMITED);
                            JsonNode element = readAnyValue(array.readMessage(), depth + 1, start);
                            values.add(element == null ? NODES.nullNode() : element);
                        } else {
                            array.skipField(arrayTag);
                        }
                    }
                    value = values;
                }
                case 6 -> {
                    reader.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                    int start = reader.position();
                    ProtobufReader list = reader.readMessage();
                    ObjectNode entries = NODES.objectNode();
                    while (list.hasRemaining()) {
                        int listTag = list.readTag();
                        if (fieldNumber(listTag) == 1) {
                            list.expectWireType(listTag, WIRE_TYPE_LENGTH_DELIMITED);
                            readKeyValueInto(list.readMessage(), entries, depth + 1, start);
                        } else {
                            list.skipField(listTag);
                        }
                    }
                    value = entries;
                }
                case 7 -> {
                    reader.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                    value = NODES.textNode(Base64.getEncoder().encodeToString(reader.readBytes()));
                }
                default -> reader.skipField(tag);
            }
        }
        return value;
    }

    private static void readKeyValueInto(ProtobufReader reader, ObjectNode entries, int depth, int offset) {
        String key = "";
        JsonNode value = null;
        while (reader.hasRemaining()) {
            int tag = reader.readTag();
            switch (fieldNumber(tag)) {
                case 1 -> {
                    reader.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                    key = reader.readString();
                }
                case 2 -> {
                    reader.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                    value = readAnyValue(reader.readMessage(), depth, offset);
                }
                default -> reader.skipField(tag);
            }
        }
        entries.set(key, value == null ? NODES.nullNode() : value);
    }
}
