package io.loupe.ingest.otlp;

import static io.loupe.ingest.otlp.OtlpProtobufRequest.AGGREGATION_TEMPORALITY_CUMULATIVE;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.array;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.doublePoint;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.exponentialHistogram;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.exponentialHistogramPoint;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.histogram;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.histogramPoint;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.integer;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.keyValue;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.kvlist;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.request;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.resourceMetrics;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.string;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.sum;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.summary;
import static io.loupe.ingest.otlp.OtlpProtobufRequest.summaryPoint;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import io.loupe.ingest.parse.MetricLimits;
import io.loupe.ingest.parse.ParsedSamples;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Random bytes and mutations of valid requests, in both encodings, end in a result or a LoupeException, never anything else. */
class OtlpMetricsGarbagePropertiesTest {
    private static final OtlpMetricsDecoder DECODER = new OtlpMetricsDecoder(new MetricLimits(10_000, 8, 64, 1024));
    private static final long T = 1_700_000_000_123_456_789L;
    private static final byte[] VALID_PROTOBUF = request(resourceMetrics(
            OtlpProtobufDecodingTest.hostResource(),
            sum("system.cpu.time", AGGREGATION_TEMPORALITY_CUMULATIVE, true,
                    doublePoint(T, 1.5, keyValue("cpu", string("cpu0")), keyValue("tags", array(string("a"), integer(1))))),
            histogram("h", histogramPoint(T, 3, 2.0, new long[] {1, 2}, new double[] {0.5}, 0,
                    keyValue("kv", kvlist(keyValue("k", string("v")))))),
            summary("s", summaryPoint(T, 2, 1, new double[] {0.5}, new double[] {0.7})),
            exponentialHistogram("e", exponentialHistogramPoint(T))));
    private static final byte[] VALID_JSON = OtlpJsonDecodingTest.EXAMPLE.getBytes(StandardCharsets.UTF_8);

    @Property(tries = 1000)
    void garbageEndsInAResultOrLoupeException(@ForAll @Size(max = 300) byte[] body) {
        decodeProtobufOrRefuse(body);
        decodeJsonOrRefuse(body);
    }

    @Property(tries = 2000)
    void mutatedProtobufEndsInAResultOrLoupeException(@ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 100_000) Integer> positions,
                                                      @ForAll byte flip) {
        byte[] body = VALID_PROTOBUF.clone();
        for (int position : positions) {
            body[position % body.length] ^= (byte) (flip | 1);
        }
        decodeProtobufOrRefuse(body);
        decodeProtobufOrRefuse(java.util.Arrays.copyOf(body, positions.get(0) % body.length));
    }

    @Property(tries = 1000)
    void mutatedJsonEndsInAResultOrLoupeException(@ForAll @Size(min = 1, max = 3) List<@IntRange(min = 0, max = 100_000) Integer> positions,
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
            check(DECODER.decodeProtobuf(body, 1L));
        } catch (LoupeException refused) {
            assertTrue(Set.of(ErrorCode.INVALID_SAMPLE, ErrorCode.TOO_MANY_EVENTS).contains(refused.code()), refused.getMessage());
        }
    }

    private static void decodeJsonOrRefuse(byte[] body) {
        try {
            check(DECODER.decodeJson(body, 1L));
        } catch (LoupeException refused) {
            assertTrue(Set.of(ErrorCode.INVALID_JSON, ErrorCode.TOO_MANY_EVENTS).contains(refused.code()), refused.getMessage());
        }
    }

    private static void check(ParsedSamples parsed) {
        assertTrue(parsed.errors().size() == Math.min(parsed.rejected(), ParsedSamples.MAX_LISTED_ERRORS),
                parsed.rejected() + " rejected, " + parsed.errors().size() + " listed");
        OtlpExportResponse.of(parsed).toProtobuf();
    }
}
