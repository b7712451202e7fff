package io.loupe.ingest.remotewrite;

import static io.loupe.ingest.wire.ProtobufReader.WIRE_TYPE_FIXED64;
import static io.loupe.ingest.wire.ProtobufReader.WIRE_TYPE_LENGTH_DELIMITED;
import static io.loupe.ingest.wire.ProtobufReader.WIRE_TYPE_VARINT;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.Labels;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.MetricSample;
import io.loupe.index.api.SeriesKey;
import io.loupe.ingest.parse.InputExcerpt;
import io.loupe.ingest.parse.LineError;
import io.loupe.ingest.parse.MetricLimits;
import io.loupe.ingest.parse.ParsedSamples;
import io.loupe.ingest.parse.SampleCollector;
import io.loupe.ingest.wire.ProtobufReader;
import io.loupe.ingest.wire.SnappyDecompressor;
import io.loupe.ingest.wire.SnappyFormatException;
import io.loupe.ingest.wire.SnappyOutputTooLargeException;
import io.loupe.ingest.wire.Utf8;
import io.loupe.ingest.wire.WireFormatException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a Prometheus remote write 1.0 body: a snappy block holding a protobuf {@code WriteRequest}.
 * <pre>
 * WriteRequest { repeated TimeSeries timeseries = 1; repeated MetricMetadata metadata = 3; }
 * TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2;
 *                repeated Exemplar exemplars = 3; repeated Histogram histograms = 4; }
 * Label        { string name = 1; string value = 2; }
 * Sample       { double value = 1; int64 timestamp = 2; }          timestamp in ms since the epoch
 * </pre>
 * The metric name is the {@code __name__} label; the other labels become {@link Labels} (an empty
 * value is no label, as in Prometheus). Values keep their bits, so the stale marker
 * ({@code 0x7ff0000000000002}) and other NaNs survive. Metadata and exemplars are ignored.
 *
 * <p>A series is rejected on its own (one {@link LineError} at its 1-based position in the request,
 * every sample of it counted in {@code rejected}) when it has no {@code __name__}, has native
 * histogram samples (not supported yet), an empty or repeated label name, more labels than
 * {@code ingest.max_fields_per_event}, or a label name or value longer than
 * {@code ingest.max_label_value_bytes}. A series without samples or histograms is skipped. The
 * request is refused whole for a body that is not a snappy block or not a {@code WriteRequest}
 * (400, naming the offset), one that decompresses beyond {@code ingest.max_body_bytes} (413), or
 * more samples than {@code ingest.max_events_per_request} (413). Thread-safe.
 */
public final class RemoteWriteDecoder {
    public static final String METRIC_NAME_LABEL = "__name__";

    private final MetricLimits limits;

    public RemoteWriteDecoder(MetricLimits limits) {
        this.limits = limits;
    }

    /**
     * @param snappyBody   the request body as received (snappy block)
     * @param maxBodyBytes the most bytes the body may decompress to ({@code ingest.max_body_bytes})
     */
    public ParsedSamples decode(byte[] snappyBody, int maxBodyBytes) {
        byte[] message = decompress(snappyBody, maxBodyBytes);
        SampleCollector collector = new SampleCollector(limits, limit -> "remote write request has more than " + limit
                + " samples (ingest.max_events_per_request); lower max_samples_per_send in the sender's queue_config");
        try {
            ProtobufReader request = new ProtobufReader(message);
            int seriesPosition = 0;
            while (request.hasRemaining()) {
                int tag = request.readTag();
                switch (ProtobufReader.fieldNumber(tag)) {
                    case 1 -> {
                        request.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                        seriesPosition++;
                        addSeries(readSeries(request.readMessage(), collector), seriesPosition, collector);
                    }
                    case 3 -> {
                        request.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                        request.skipField(tag);
                    }
                    default -> request.skipField(tag);
                }
            }
        } catch (WireFormatException e) {
            throw new LoupeException(ErrorCode.INVALID_SAMPLE, "remote write body is not a valid protobuf WriteRequest: "
                    + e.getMessage() + " of the decompressed body", e);
        }
        return collector.result();
    }

    private static byte[] decompress(byte[] snappyBody, int maxBodyBytes) {
        try {
            return SnappyDecompressor.decompress(snappyBody, maxBodyBytes);
        } catch (SnappyOutputTooLargeException e) {
            throw new LoupeException(ErrorCode.BODY_TOO_LARGE, "remote write body decompresses to " + e.declaredLength()
                    + " bytes, more than the limit of " + e.limit() + " (ingest.max_body_bytes);"
                    + " lower max_samples_per_send in the sender's queue_config", e);
        } catch (SnappyFormatException e) {
            throw new LoupeException(ErrorCode.INVALID_SAMPLE, "remote write body is not a snappy block"
                    + " (Content-Encoding: snappy, block format): " + e.getMessage(), e);
        }
    }

    private static Series readSeries(ProtobufReader reader, SampleCollector collector) {
        Series series = new Series();
        while (reader.hasRemaining()) {
            int tag = reader.readTag();
            switch (ProtobufReader.fieldNumber(tag)) {
                case 1 -> {
                    reader.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                    readLabel(reader.readMessage(), series);
                }
                case 2 -> {
                    reader.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                    collector.countSample();
                    readSample(reader.readMessage(), series);
                }
                case 3 -> {
                    reader.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                    reader.skipField(tag);
                }
                case 4 -> {
                    reader.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                    collector.countSample();
                    reader.skipField(tag);
                    series.histograms++;
                }
                default -> reader.skipField(tag);
            }
        }
        return series;
    }

    private static void readLabel(ProtobufReader reader, Series series) {
        String name = "";
        String value = "";
        while (reader.hasRemaining()) {
            int tag = reader.readTag();
            switch (ProtobufReader.fieldNumber(tag)) {
                case 1 -> {
                    reader.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                    name = reader.readString();
                }
                case 2 -> {
                    reader.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                    value = reader.readString();
                }
                default -> reader.skipField(tag);
            }
        }
        series.labelNames.add(name);
        series.labelValues.add(value);
    }

    private static void readSample(ProtobufReader reader, Series series) {
        double value = 0;
        long timestamp = 0;
        while (reader.hasRemaining()) {
            int tag = reader.readTag();
            switch (ProtobufReader.fieldNumber(tag)) {
                case 1 -> {
                    reader.expectWireType(tag, WIRE_TYPE_FIXED64);
                    value = reader.readDouble();
                }
                case 2 -> {
                    reader.expectWireType(tag, WIRE_TYPE_VARINT);
                    timestamp = reader.readVarint64();
                }
                default -> reader.skipField(tag);
            }
        }
        series.addSample(timestamp, value);
    }

    private static void addSeries(Series series, int position, SampleCollector collector) {
        int sampleCount = series.sampleCount + series.histograms;
        if (sampleCount == 0) {
            return;
        }
        String problem = series.histograms > 0
                ? "series has " + series.histograms + " native histogram samples, which are not supported yet;"
                        + " send classic histograms (send_native_histograms: false in remote_write)"
                : labelProblem(series, collector);
        if (problem != null) {
            collector.reject(position, sampleCount, problem);
            return;
        }
        Map<String, String> labels = new HashMap<>();
        String name = null;
        for (int i = 0; i < series.labelNames.size(); i++) {
            if (series.labelNames.get(i).equals(METRIC_NAME_LABEL)) {
                name = series.labelValues.get(i);
            } else {
                labels.put(series.labelNames.get(i), series.labelValues.get(i));
            }
        }
        SeriesKey key = new SeriesKey(name, Labels.of(labels));
        for (int i = 0; i < series.sampleCount; i++) {
            collector.accept(new MetricSample(key, series.timestamps[i], series.values[i]));
        }
    }

    /** Why the series' labels cannot be stored, or null when they can. */
    private static String labelProblem(Series series, SampleCollector collector) {
        String name = null;
        Map<String, Boolean> seen = new HashMap<>();
        for (int i = 0; i < series.labelNames.size(); i++) {
            String labelName = series.labelNames.get(i);
            String labelValue = series.labelValues.get(i);
            if (labelName.isEmpty()) {
                return "series has a label with an empty name (value '" + InputExcerpt.of(labelValue) + "')";
            }
            if (seen.put(labelName, Boolean.TRUE) != null) {
                return "label " + InputExcerpt.of(labelName) + " appears more than once in the series";
            }
            int nameBytes = Utf8.encodedLength(labelName);
            if (collector.labelTooLong(nameBytes)) {
                return collector.labelTooLongProblem("label name " + InputExcerpt.of(labelName), nameBytes);
            }
            int valueBytes = Utf8.encodedLength(labelValue);
            if (collector.labelTooLong(valueBytes)) {
                return collector.labelTooLongProblem("value of label " + InputExcerpt.of(labelName), valueBytes);
            }
            if (labelName.equals(METRIC_NAME_LABEL)) {
                name = labelValue;
            }
        }
        if (name == null || name.isEmpty()) {
            return "series has no metric name (label __name__ is missing or empty)";
        }
        int labelCount = series.labelNames.size() - 1;
        if (collector.tooManyLabels(labelCount)) {
            return collector.labelCountProblem("series " + InputExcerpt.of(name), labelCount, "labels");
        }
        return null;
    }

    /** One decoded {@code TimeSeries}, before validation. */
    private static final class Series {
        final List<String> labelNames = new ArrayList<>();
        final List<String> labelValues = new ArrayList<>();
        long[] timestamps = new long[4];
        double[] values = new double[4];
        int sampleCount;
        int histograms;

        void addSample(long timestamp, double value) {
            if (sampleCount == timestamps.length) {
                timestamps = Arrays.copyOf(timestamps, sampleCount * 2);
                values = Arrays.copyOf(values, sampleCount * 2);
            }
            timestamps[sampleCount] = timestamp;
            values[sampleCount] = value;
            sampleCount++;
        }
    }
}
