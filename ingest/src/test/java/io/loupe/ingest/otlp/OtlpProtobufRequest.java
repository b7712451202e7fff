package io.loupe.ingest.otlp;

import io.loupe.ingest.wire.ProtobufWriter;

/**
 * Builds OTLP protobuf messages for tests, with the field numbers of opentelemetry-proto (the table
 * in {@link OtlpMetricsProtobufReader}), including fields Loupe skips (scope, units, exemplars, start times).
 */
final class OtlpProtobufRequest {
    static final int AGGREGATION_TEMPORALITY_DELTA = 1;
    static final int AGGREGATION_TEMPORALITY_CUMULATIVE = 2;

    private OtlpProtobufRequest() {
    }

    static byte[] request(ProtobufWriter... resourceMetrics) {
        ProtobufWriter request = new ProtobufWriter();
        for (ProtobufWriter resource : resourceMetrics) {
            request.writeMessageField(1, resource);
        }
        return request.toByteArray();
    }

    /** A ResourceMetrics with one scope (name, version and an attribute that must not become a label). */
    static ProtobufWriter resourceMetrics(ProtobufWriter[] resourceAttributes, ProtobufWriter... metrics) {
        ProtobufWriter resource = new ProtobufWriter();
        for (ProtobufWriter attribute : resourceAttributes) {
            resource.writeMessageField(1, attribute);
        }
        resource.writeVarintField(2, 0);
        ProtobufWriter scope = new ProtobufWriter().writeMessageField(1, new ProtobufWriter()
                .writeStringField(1, "otelcol/hostmetricsreceiver/cpu").writeStringField(2, "0.90.0")
                .writeMessageField(3, keyValue("scope.attribute", string("ignored"))));
        for (ProtobufWriter metric : metrics) {
            scope.writeMessageField(2, metric);
        }
        scope.writeStringField(3, "https://opentelemetry.io/schemas/1.9.0");
        return new ProtobufWriter().writeMessageField(1, resource).writeMessageField(2, scope)
                .writeStringField(3, "https://opentelemetry.io/schemas/1.9.0");
    }

    static ProtobufWriter[] attributes(ProtobufWriter... keyValues) {
        return keyValues;
    }

    static ProtobufWriter gauge(String name, ProtobufWriter... points) {
        return metric(name, 5, dataPoints(points));
    }

    static ProtobufWriter sum(String name, int temporality, boolean monotonic, ProtobufWriter... points) {
        return metric(name, 7, dataPoints(points).writeVarintField(2, temporality).writeBoolField(3, monotonic));
    }

    static ProtobufWriter histogram(String name, ProtobufWriter... points) {
        return metric(name, 9, dataPoints(points).writeVarintField(2, AGGREGATION_TEMPORALITY_CUMULATIVE));
    }

    static ProtobufWriter exponentialHistogram(String name, ProtobufWriter... points) {
        return metric(name, 10, dataPoints(points).writeVarintField(2, AGGREGATION_TEMPORALITY_CUMULATIVE));
    }

    static ProtobufWriter summary(String name, ProtobufWriter... points) {
        return metric(name, 11, dataPoints(points));
    }

    private static ProtobufWriter metric(String name, int dataField, ProtobufWriter data) {
        return new ProtobufWriter().writeStringField(1, name).writeStringField(2, "a description").writeStringField(3, "s")
                .writeMessageField(dataField, data)
                .writeMessageField(12, keyValue("metadata.key", string("ignored")));
    }

    private static ProtobufWriter dataPoints(ProtobufWriter... points) {
        ProtobufWriter data = new ProtobufWriter();
        for (ProtobufWriter point : points) {
            data.writeMessageField(1, point);
        }
        return data;
    }

    /** A NumberDataPoint with as_double. */
    static ProtobufWriter doublePoint(long timeUnixNano, double value, ProtobufWriter... attributes) {
        ProtobufWriter point = numberPointStart(timeUnixNano, attributes);
        return point.writeDoubleField(4, value);
    }

    /** A NumberDataPoint with as_int. */
    static ProtobufWriter intPoint(long timeUnixNano, long value, ProtobufWriter... attributes) {
        return numberPointStart(timeUnixNano, attributes).writeFixed64Field(6, value);
    }

    /** A NumberDataPoint with only flags (e.g. NO_RECORDED_VALUE). */
    static ProtobufWriter flaggedPoint(long timeUnixNano, int flags, ProtobufWriter... attributes) {
        return numberPointStart(timeUnixNano, attributes).writeVarintField(8, flags);
    }

    private static ProtobufWriter numberPointStart(long timeUnixNano, ProtobufWriter... attributes) {
        ProtobufWriter point = new ProtobufWriter();
        for (ProtobufWriter attribute : attributes) {
            point.writeMessageField(7, attribute);
        }
        point.writeFixed64Field(2, 1_600_000_000_000_000_000L);
        point.writeFixed64Field(3, timeUnixNano);
        point.writeMessageField(5, new ProtobufWriter().writeFixed64Field(2, timeUnixNano).writeDoubleField(3, 99)
                .writeBytesField(4, new byte[8]).writeBytesField(5, new byte[16]));
        return point;
    }

    static ProtobufWriter histogramPoint(long timeUnixNano, long count, Double sum, long[] bucketCounts, double[] bounds,
                                         int flags, ProtobufWriter... attributes) {
        ProtobufWriter point = new ProtobufWriter();
        for (ProtobufWriter attribute : attributes) {
            point.writeMessageField(9, attribute);
        }
        point.writeFixed64Field(2, 1_600_000_000_000_000_000L).writeFixed64Field(3, timeUnixNano).writeFixed64Field(4, count);
        if (sum != null) {
            point.writeDoubleField(5, sum);
        }
        point.writePackedFixed64Field(6, bucketCounts).writePackedDoubleField(7, bounds);
        if (flags != 0) {
            point.writeVarintField(10, flags);
        }
        return point.writeDoubleField(11, 0.001).writeDoubleField(12, 9.5);
    }

    static ProtobufWriter exponentialHistogramPoint(long timeUnixNano, ProtobufWriter... attributes) {
        ProtobufWriter point = new ProtobufWriter();
        for (ProtobufWriter attribute : attributes) {
            point.writeMessageField(1, attribute);
        }
        return point.writeFixed64Field(3, timeUnixNano).writeFixed64Field(4, 3).writeDoubleField(5, 4.5)
                .writeSignedVarintField(6, 2).writeFixed64Field(7, 0)
                .writeMessageField(8, new ProtobufWriter().writeSignedVarintField(1, 1).writePackedVarintField(2, 1, 2));
    }

    static ProtobufWriter summaryPoint(long timeUnixNano, long count, double sum, double[] quantiles, double[] values,
                                       ProtobufWriter... attributes) {
        ProtobufWriter point = new ProtobufWriter();
        for (ProtobufWriter attribute : attributes) {
            point.writeMessageField(7, attribute);
        }
        point.writeFixed64Field(2, 1_600_000_000_000_000_000L).writeFixed64Field(3, timeUnixNano)
                .writeFixed64Field(4, count).writeDoubleField(5, sum);
        for (int i = 0; i < quantiles.length; i++) {
            point.writeMessageField(6, new ProtobufWriter().writeDoubleField(1, quantiles[i]).writeDoubleField(2, values[i]));
        }
        return point;
    }

    static ProtobufWriter keyValue(String key, ProtobufWriter anyValue) {
        ProtobufWriter keyValue = new ProtobufWriter().writeStringField(1, key);
        return anyValue == null ? keyValue : keyValue.writeMessageField(2, anyValue);
    }

    static ProtobufWriter string(String value) {
        return new ProtobufWriter().writeStringField(1, value);
    }

    static ProtobufWriter bool(boolean value) {
        return new ProtobufWriter().writeBoolField(2, value);
    }

    static ProtobufWriter integer(long value) {
        return new ProtobufWriter().writeVarintField(3, value);
    }

    static ProtobufWriter floating(double value) {
        return new ProtobufWriter().writeDoubleField(4, value);
    }

    static ProtobufWriter array(ProtobufWriter... values) {
        ProtobufWriter array = new ProtobufWriter();
        for (ProtobufWriter value : values) {
            array.writeMessageField(1, value);
        }
        return new ProtobufWriter().writeMessageField(5, array);
    }

    static ProtobufWriter kvlist(ProtobufWriter... keyValues) {
        ProtobufWriter list = new ProtobufWriter();
        for (ProtobufWriter keyValue : keyValues) {
            list.writeMessageField(1, keyValue);
        }
        return new ProtobufWriter().writeMessageField(6, list);
    }

    static ProtobufWriter bytes(byte[] value) {
        return new ProtobufWriter().writeBytesField(7, value);
    }
}
