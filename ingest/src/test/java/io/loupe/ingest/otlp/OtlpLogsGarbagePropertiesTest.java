package io.loupe.ingest.otlp;

import static io.loupe.ingest.otlp.OtlpLogsProtobufDecodingTest.DECODER;
import static io.loupe.ingest.otlp.OtlpLogsProtobufDecodingTest.RULES;
import static io.loupe.ingest.otlp.OtlpLogsProtobufDecodingTest.T;
import static io.loupe.ingest.otlp.OtlpLogsProtobufDecodingTest.TRACE_ID_HEX;
import static io.loupe.ingest.otlp.OtlpLogsProtobufRequest.BODY;
import static io.loupe.ingest.otlp.OtlpLogsProtobufRequest.FLAGS;
import static io.loupe.ingest.otlp.OtlpLogsProtobufRequest.OBSERVED_TIME_UNIX_NANO;
import static io.loupe.ingest.otlp.OtlpLogsProtobufRequest.SPAN_ID;
import static io.loupe.ingest.otlp.OtlpLogsProtobufRequest.TRACE_ID;
import static io.loupe.ingest.otlp.OtlpLogsProtobufRequest.logRecord;
import static io.loupe.ingest.otlp.OtlpLogsProtobufRequest.request;
import static io.loupe.ingest.otlp.OtlpLogsProtobufRequest.resourceLogs;
import static io.loupe.ingest.otlp.OtlpLogsProtobufRequest.scopeLogs;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.array;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.bool;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.bytes;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.floating;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.integer;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.keyValue;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.kvlist;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.string;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LoupeException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random bytes and mutations of valid logs exports, in both encodings, end in a result or a
 * LoupeException (never another exception), and a result only holds events the rules accept.
 */
class OtlpLogsGarbagePropertiesTest {
    private static final byte[] VALID_PROTOBUF = request(resourceLogs(OtlpLogsProtobufDecodingTest.checkoutResource(),
            scopeLogs("io.opentelemetry.checkout", "1.4.0",
                    logRecord(T, 17, "ERROR", "card declined", keyValue("user.id", string("u-42")),
                            keyValue("tags", array(string("a"), integer(1))), keyValue("ctx", kvlist(keyValue("k", bool(true)))),
                            keyValue("ratio", floating(0.5)), keyValue("raw", bytes(new byte[] {1, 2})))
                            .writeFixed64Field(OBSERVED_TIME_UNIX_NANO, T).writeFixed32Field(FLAGS, 1)
                            .writeBytesField(TRACE_ID, HexFormat.of().parseHex(TRACE_ID_HEX)).writeBytesField(SPAN_ID, new byte[8]),
                    logRecord(0, 0, "warn", null, keyValue("loupe.kind", string("audit")))
                            .writeMessageField(BODY, kvlist(keyValue("user", string("alice"))))),
            scopeLogs(null, null, logRecord(T, 9, null, "second scope"))));
    private static final byte[] VALID_JSON = OtlpLogsJsonDecodingTest.EXAMPLE.getBytes(StandardCharsets.UTF_8);

    @Property(tries = 1000)
    void garbageEndsInAResultOrLoupeException(@ForAll @Size(max = 300) byte[] body) {
        decodeProtobufOrRefuse(body);
        decodeJsonOrRefuse(body);
    }

    @Property(tries = 2000)
    void mutatedProtobufEndsInAResultOrLoupeException(
            @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 100_000) Integer> positions, @ForAll byte flip) {
        byte[] body = VALID_PROTOBUF.clone();
        for (int position : positions) {
            body[position % body.length] ^= (byte) (flip | 1);
        }
        decodeProtobufOrRefuse(body);
        decodeProtobufOrRefuse(Arrays.copyOf(body, positions.get(0) % body.length));
    }

    @Property(tries = 1000)
    void mutatedJsonEndsInAResultOrLoupeException(
            @ForAll @Size(min = 1, max = 3) List<@IntRange(min = 0, max = 100_000) Integer> positions,
            @ForAll @IntRange(min = 0, max = 15) int replacementIndex) {
        byte[] body = VALID_JSON.clone();
        byte[] replacements = "0\"{}[]:,-.eE9 ax".getBytes(StandardCharsets.US_ASCII);
        for (int position : positions) {
            body[position % body.length] = replacements[(replacementIndex + position) % replacements.length];
        }
        decodeJsonOrRefuse(body);
    }

    private static void decodeProtobufOrRefuse(byte[] body) {
        try {
            check(DECODER.decodeProtobuf(body, RULES));
        } catch (LoupeException refused) {
            assertTrue(Set.of(ErrorCode.INVALID_FIELD, ErrorCode.TOO_MANY_EVENTS).contains(refused.code()), refused.getMessage());
        }
    }

    private static void decodeJsonOrRefuse(byte[] body) {
        try {
            check(DECODER.decodeJson(body, RULES));
        } catch (LoupeException refused) {
            assertTrue(Set.of(ErrorCode.INVALID_JSON, ErrorCode.TOO_MANY_EVENTS).contains(refused.code()), refused.getMessage());
        }
    }

    private static void check(OtlpDecodedLogs decoded) {
        assertTrue(decoded.errors().size() == Math.min(decoded.rejected(), OtlpDecodedLogs.MAX_LISTED_ERRORS),
                decoded.rejected() + " rejected, " + decoded.errors().size() + " listed");
        for (LogEvent event : decoded.accepted()) {
            assertTrue(RULES.accepts(event.timestampNanos()), "accepted an event at " + event.timestampNanos());
            assertTrue(event.fields().size() + event.attributes().size() <= RULES.maxFields());
        }
        OtlpExportResponse.of(decoded).toProtobuf();
        OtlpExportResponse.of(decoded).toJson();
    }
}
