package io.loupe.ingest.parse;

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
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
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
    private static final MetricLimits SMALL_LIMITS = new MetricLimits(40, 4, 24, 300);

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
            assertSameSample(samples.get(i), parsed.accepted().get(i));
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
                ParsedSamples parsed = new NativeMetricParser(limits).parse(body, RECEIVED);
                assertEquals(Math.min(parsed.rejected(), ParsedSamples.MAX_LISTED_ERRORS), parsed.errors().size());
                for (MetricSample sample : parsed.accepted()) {
                    assertTrue(sample.series().name().matches("[a-zA-Z_:][a-zA-Z0-9_:]*"), sample::toString);
                    assertTrue(sample.series().labels().size() <= limits.maxLabelsPerSeries(), sample::toString);
                }
                for (LineError error : parsed.errors()) {
                    assertEquals(ErrorCode.INVALID_SAMPLE, error.code());
                    assertTrue(error.line() >= 1, error::toString);
                }
            } catch (LoupeException requestLevel) {
                boolean array = new String(body, StandardCharsets.ISO_8859_1).strip().startsWith("[");
                assertTrue(requestLevel.code() == ErrorCode.TOO_MANY_EVENTS || (array && requestLevel.code() == ErrorCode.INVALID_JSON),
                        requestLevel::getMessage);
            }
        }
    }

    static void assertSameSample(MetricSample expected, MetricSample actual) {
        assertEquals(expected.series(), actual.series());
        assertEquals(expected.timestampMillis(), actual.timestampMillis(), () -> "timestamp of " + expected);
        if (Double.isNaN(expected.value())) {
            assertTrue(Double.isNaN(actual.value()), () -> "value of " + expected + ": " + actual.value());
        } else {
            assertEquals(Double.doubleToRawLongBits(expected.value()), Double.doubleToRawLongBits(actual.value()),
                    () -> "value of " + expected + ": " + actual.value());
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

    /** A few random edits of a valid body: bytes replaced (often by syntax characters), inserted, deleted, or the body cut. */
    static byte[] mutate(byte[] valid, Random random, String syntax) {
        byte[] body = valid;
        int edits = 1 + random.nextInt(6);
        for (int e = 0; e < edits && body.length > 0; e++) {
            int at = random.nextInt(body.length);
            byte replacement = random.nextInt(3) == 0 ? (byte) random.nextInt(256) : (byte) syntax.charAt(random.nextInt(syntax.length()));
            switch (random.nextInt(4)) {
                case 0 -> body[at] = replacement;
                case 1 -> {
                    byte[] longer = new byte[body.length + 1];
                    System.arraycopy(body, 0, longer, 0, at);
                    longer[at] = replacement;
                    System.arraycopy(body, at, longer, at + 1, body.length - at);
                    body = longer;
                }
                case 2 -> {
                    int end = Math.min(body.length, at + 1 + random.nextInt(8));
                    byte[] shorter = new byte[body.length - (end - at)];
                    System.arraycopy(body, 0, shorter, 0, at);
                    System.arraycopy(body, end, shorter, at, body.length - end);
                    body = shorter;
                }
                default -> body = java.util.Arrays.copyOf(body, at);
            }
        }
        return body;
    }

    @Provide
    Arbitrary<List<MetricSample>> samples() {
        Arbitrary<String> names = Combinators.combine(Arbitraries.strings().withChars("abcxyzABZ_:").ofLength(1),
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789_:").ofMaxLength(20)).as(String::concat);
        Arbitrary<String> labelNames = Combinators.combine(Arbitraries.strings().withChars("abcxyzABZ_").ofLength(1),
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789_").ofMaxLength(10)).as(String::concat)
                .filter(name -> !name.equals("__name__"));
        Arbitrary<String> labelValues = Arbitraries.strings().withChars("\"\\\n\t,={}# aZ09\u00e9\u20ac")
                .withCharRange(' ', '~').withCharRange('\u00a0', '\ud7ff').ofMaxLength(12)
                .map(value -> value.endsWith("!") ? value + "\ud83d\ude00" : value);
        Arbitrary<Map<String, String>> labels = Arbitraries.maps(labelNames, labelValues).ofMaxSize(5);
        Arbitrary<Long> timestamps = Arbitraries.oneOf(Arbitraries.just(RECEIVED),
                Arbitraries.longs().between(0, 9_000_000_000_000L));
        Arbitrary<Double> values = Arbitraries.oneOf(
                Arbitraries.longs().map(Double::longBitsToDouble),
                Arbitraries.doubles(),
                Arbitraries.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE));
        return Combinators.combine(names, labels, timestamps, values)
                .as((name, labelMap, timestamp, value) -> new MetricSample(name, Labels.of(labelMap), timestamp, value))
                .list();
    }
}
