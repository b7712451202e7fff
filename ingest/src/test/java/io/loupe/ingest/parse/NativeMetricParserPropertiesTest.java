package io.loupe.ingest.parse;

import static io.loupe.ingest.parse.MetricSampleArbitraries.SMALL_LIMITS;
import static io.loupe.ingest.parse.MetricSampleArbitraries.mutate;
import static io.loupe.ingest.parse.ParsedSamplesAssertions.assertSameSample;
import static io.loupe.ingest.parse.ParsedSamplesAssertions.assertWellFormed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.Labels;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.MetricSample;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Random samples rendered as NDJSON or a JSON array parse back unchanged; random bytes and random
 * mutations of valid bodies are answered line by line, never with an unexpected exception.
 */
class NativeMetricParserPropertiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long RECEIVED = 1_795_341_600_000L;

    @Property(tries = 300)
    void renderedSamplesParseBackToTheSameSamples(@ForAll("samples") @Size(max = 20) List<MetricSample> samples,
                                                  @ForAll boolean asArray, @ForAll boolean timestampsAsText) {
        StringBuilder body = new StringBuilder(asArray ? "[" : "");
        for (int i = 0; i < samples.size(); i++) {
            if (asArray && i > 0) {
                body.append(",\n");
            }
            body.append(render(samples.get(i), timestampsAsText));
            if (!asArray) {
                body.append('\n');
            }
        }
        if (asArray) {
            body.append(']');
        }
        ParsedSamples parsed = new NativeMetricParser(MetricLimits.defaults()).parse(body.toString().getBytes(StandardCharsets.UTF_8), RECEIVED);
        assertEquals(List.of(), parsed.errors(), body::toString);
        assertEquals(samples.size(), parsed.accepted().size());
        for (int i = 0; i < samples.size(); i++) {
            assertSameSample(samples.get(i), parsed.accepted().get(i), body::toString);
        }
    }

    @Property(tries = 300)
    void randomBytesAreRejectedLineByLine(@ForAll @Size(max = 600) byte[] body) {
        assertAnsweredLineByLine(body);
    }

    @Property(tries = 400)
    void mutatedBodiesAreRejectedLineByLine(@ForAll("samples") @Size(min = 1, max = 8) List<MetricSample> samples,
                                            @ForAll boolean asArray, @ForAll long seed) {
        StringBuilder body = new StringBuilder(asArray ? "[" : "");
        for (MetricSample sample : samples) {
            body.append(render(sample, seed % 2 == 0)).append(asArray ? ",\n" : "\n");
        }
        if (asArray) {
            body.setLength(body.length() - 2);
            body.append(']');
        }
        assertAnsweredLineByLine(mutate(body.toString().getBytes(StandardCharsets.UTF_8), new Random(seed), "{}[]\":,\\0-9eE.tn"));
    }

    private static void assertAnsweredLineByLine(byte[] body) {
        for (MetricLimits limits : List.of(MetricLimits.defaults(), SMALL_LIMITS)) {
            try {
                assertWellFormed(new NativeMetricParser(limits).parse(body, RECEIVED), limits);
            } catch (LoupeException requestLevel) {
                boolean array = new String(body, StandardCharsets.ISO_8859_1).strip().startsWith("[");
                assertTrue(requestLevel.code() == ErrorCode.TOO_MANY_EVENTS || (array && requestLevel.code() == ErrorCode.INVALID_JSON),
                        requestLevel::getMessage);
            }
        }
    }

    private static String render(MetricSample sample, boolean timestampAsText) {
        try {
            StringBuilder json = new StringBuilder("{\"name\":").append(JSON.writeValueAsString(sample.series().name()));
            Labels labels = sample.series().labels();
            if (labels.size() > 0) {
                json.append(",\"labels\":").append(JSON.writeValueAsString(labels.toMap()));
            }
            if (sample.timestampMillis() != RECEIVED) {
                json.append(",\"timestamp\":").append(timestampAsText
                        ? "\"" + Instant.ofEpochMilli(sample.timestampMillis()) + "\"" : Long.toString(sample.timestampMillis()));
            }
            double value = sample.value();
            String renderedValue = Double.isNaN(value) ? "\"NaN\"" : value == Double.POSITIVE_INFINITY ? "\"+Inf\""
                    : value == Double.NEGATIVE_INFINITY ? "\"-Inf\"" : Double.toString(value);
            return json.append(",\"value\":").append(renderedValue).append('}').toString();
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @Provide
    Arbitrary<List<MetricSample>> samples() {
        return MetricSampleArbitraries.samples("\"\\\n\t,={}# ", Arbitraries.oneOf(Arbitraries.just(RECEIVED),
                Arbitraries.longs().between(0, 9_000_000_000_000L)));
    }
}
