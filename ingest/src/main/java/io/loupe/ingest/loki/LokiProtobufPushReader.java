package io.loupe.ingest.loki;

import static io.loupe.ingest.wire.ProtobufReader.WIRE_TYPE_LENGTH_DELIMITED;
import static io.loupe.ingest.wire.ProtobufReader.WIRE_TYPE_VARINT;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import io.loupe.ingest.wire.ProtobufReader;
import io.loupe.ingest.wire.SnappyDecompressor;
import io.loupe.ingest.wire.SnappyFormatException;
import io.loupe.ingest.wire.SnappyOutputTooLargeException;
import io.loupe.ingest.wire.WireFormatException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the protobuf push body Promtail, Alloy and Vector send: a snappy block (raw format) holding a
 * {@code logproto.PushRequest} ({@code pkg/push/push.proto} in Loki):
 * <pre>
 * PushRequest      { repeated StreamAdapter streams = 1; string format = 2; }
 * StreamAdapter    { string labels = 1; repeated EntryAdapter entries = 2; uint64 hash = 3; }
 * EntryAdapter     { google.protobuf.Timestamp timestamp = 1; string line = 2;
 *                    repeated LabelPairAdapter structuredMetadata = 3; repeated LabelPairAdapter parsed = 4; }
 * Timestamp        { int64 seconds = 1; int32 nanos = 2; }
 * LabelPairAdapter { string name = 1; string value = 2; }
 * </pre>
 * {@code labels} is a label set string ({@link LokiLabelsParser}); {@code format}, {@code hash} and
 * {@code parsed} (labels a Loki distributor derived itself) are ignored, as are unknown fields. An entry
 * position is {@code streams[i].entries[j]}. A timestamp beyond the nanosecond range saturates, so it is
 * rejected as out of range like any other. Not thread-safe; one per request.
 */
final class LokiProtobufPushReader {
    private final LokiPushCollector collector;

    private LokiProtobufPushReader(LokiPushCollector collector) {
        this.collector = collector;
    }

    /**
     * @param maxBodyBytes the most bytes the body may decompress to ({@code ingest.max_body_bytes})
     * @throws LoupeException {@link ErrorCode#BODY_TOO_LARGE} (413) past {@code maxBodyBytes};
     *                        {@link ErrorCode#INVALID_PARAMETER} for a body that is not a snappy block or not a PushRequest
     */
    static void read(byte[] snappyBody, int maxBodyBytes, LokiPushCollector collector) {
        byte[] message = decompress(snappyBody, maxBodyBytes);
        try {
            new LokiProtobufPushReader(collector).pushRequest(new ProtobufReader(message));
        } catch (WireFormatException e) {
            throw new LoupeException(ErrorCode.INVALID_PARAMETER, "loki push body is not a valid protobuf PushRequest: "
                    + e.getMessage() + " of the decompressed body", e);
        }
    }

    private static byte[] decompress(byte[] snappyBody, int maxBodyBytes) {
        try {
            return SnappyDecompressor.decompress(snappyBody, maxBodyBytes);
        } catch (SnappyOutputTooLargeException e) {
            throw new LoupeException(ErrorCode.BODY_TOO_LARGE, "loki push body decompresses to " + e.declaredLength()
                    + " bytes, more than the limit of " + e.limit() + " (ingest.max_body_bytes); send smaller batches", e);
        } catch (SnappyFormatException e) {
            throw new LoupeException(ErrorCode.INVALID_PARAMETER, "loki push body is not a snappy block (a protobuf push, and a"
                    + " push without Content-Type, is snappy-compressed protobuf; send JSON as Content-Type: application/json): "
                    + e.getMessage(), e);
        }
    }

    private void pushRequest(ProtobufReader request) {
        int streamIndex = 0;
        while (request.hasRemaining()) {
            int tag = request.readTag();
            if (ProtobufReader.fieldNumber(tag) == 1) {
                request.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                stream(request.readMessage(), streamIndex++);
            } else {
                request.skipField(tag);
            }
        }
    }

    private void stream(ProtobufReader stream, int streamIndex) {
        String labels = "";
        List<LokiEntry> entries = new ArrayList<>();
        while (stream.hasRemaining()) {
            int tag = stream.readTag();
            switch (ProtobufReader.fieldNumber(tag)) {
                case 1 -> {
                    stream.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                    labels = stream.readString();
                }
                case 2 -> {
                    stream.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                    collector.countEntry();
                    entries.add(entry(stream.readMessage()));
                }
                default -> stream.skipField(tag);
            }
        }
        collector.addStream(streamIndex, "entries", labels, entries);
    }

    private static LokiEntry entry(ProtobufReader entry) {
        long nanos = 0;
        String line = "";
        Map<String, String> metadata = Map.of();
        while (entry.hasRemaining()) {
            int tag = entry.readTag();
            switch (ProtobufReader.fieldNumber(tag)) {
                case 1 -> {
                    entry.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                    nanos = timestamp(entry.readMessage());
                }
                case 2 -> {
                    entry.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                    line = entry.readString();
                }
                case 3 -> {
                    entry.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                    if (metadata.isEmpty()) {
                        metadata = new LinkedHashMap<>();
                    }
                    labelPair(entry.readMessage(), metadata);
                }
                default -> entry.skipField(tag);
            }
        }
        return new LokiEntry(nanos, line, metadata);
    }

    /** Epoch nanoseconds of a {@code google.protobuf.Timestamp}, saturated at the long range. */
    private static long timestamp(ProtobufReader timestamp) {
        long seconds = 0;
        long nanos = 0;
        while (timestamp.hasRemaining()) {
            int tag = timestamp.readTag();
            switch (ProtobufReader.fieldNumber(tag)) {
                case 1 -> {
                    timestamp.expectWireType(tag, WIRE_TYPE_VARINT);
                    seconds = timestamp.readVarint64();
                }
                case 2 -> {
                    timestamp.expectWireType(tag, WIRE_TYPE_VARINT);
                    nanos = timestamp.readVarint32();
                }
                default -> timestamp.skipField(tag);
            }
        }
        try {
            return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
        } catch (ArithmeticException beyondTheYear2262) {
            return seconds < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static void labelPair(ProtobufReader pair, Map<String, String> into) {
        String name = "";
        String value = "";
        while (pair.hasRemaining()) {
            int tag = pair.readTag();
            switch (ProtobufReader.fieldNumber(tag)) {
                case 1 -> {
                    pair.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                    name = pair.readString();
                }
                case 2 -> {
                    pair.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
                    value = pair.readString();
                }
                default -> pair.skipField(tag);
            }
        }
        into.put(name, value);
    }
}
