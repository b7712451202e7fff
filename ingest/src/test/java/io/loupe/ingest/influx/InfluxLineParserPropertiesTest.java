package io.loupe.ingest.influx;

import static io.loupe.ingest.parse.MetricSampleArbitraries.SMALL_LIMITS;
import static io.loupe.ingest.parse.MetricSampleArbitraries.mutate;
import static io.loupe.ingest.parse.ParsedSamplesAssertions.assertWellFormed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.Labels;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.MetricSample;
import io.loupe.ingest.parse.MetricLimits;
import io.loupe.ingest.parse.MetricSampleArbitraries;
import io.loupe.ingest.parse.ParsedSamples;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * Random lines rendered in line protocol (every escape, every field type, every precision) parse back
 * to the same samples, values bit for bit; random bytes and random mutations of valid bodies are
 * answered line by line, never with an unexpected exception.
 */
class InfluxLineParserPropertiesTest {
    private static final long RECEIVED = 1_795_341_630_000L;

    /** One rendered line: its text and the samples it must parse into. */
    record Line(String text, List<MetricSample> samples) {
    }

    @Property(tries = 400)
    void renderedLinesParseBackToTheSameSamples(@ForAll("lines") @Size(max = 15) List<Line> lines, @ForAll Precision precision,
                                                @ForAll long seed) {
        Random random = new Random(seed);
        StringBuilder body = new StringBuilder();
        List<MetricSample> expected = new ArrayList<>();
        for (Line line : lines) {
            body.append(line.text());
            long millis = line.samples().getFirst().timestampMillis();
            long expectedMillis = RECEIVED;
            if (millis != RECEIVED || random.nextBoolean()) {
                // the timestamp in the precision's unit; finer units carry a random sub-millisecond part that is rounded away
                long timestamp = switch (precision) {
                    case NANOSECONDS -> millis * 1_000_000 + random.nextInt(1_000_000);
                    case MICROSECONDS -> millis * 1_000 + random.nextInt(1_000);
                    case MILLISECONDS -> millis;
                    case SECONDS -> Math.floorDiv(millis, 1000);
                    case MINUTES -> Math.floorDiv(millis, 60_000);
                    case HOURS -> Math.floorDiv(millis, 3_600_000);
                };
                expectedMillis = switch (precision) {
                    case NANOSECONDS, MICROSECONDS, MILLISECONDS -> millis;
                    case SECONDS -> timestamp * 1000;
                    case MINUTES -> timestamp * 60_000;
                    case HOURS -> timestamp * 3_600_000;
                };
                body.append(" ".repeat(1 + random.nextInt(2))).append(timestamp);
            }
            for (MetricSample sample : line.samples()) {
                expected.add(new MetricSample(sample.series(), expectedMillis, sample.value()));
            }
            body.append(random.nextInt(5) == 0 ? "\r\n" : "\n");
            if (random.nextInt(8) == 0) {
                body.append(random.nextBoolean() ? "# a comment, with = signs\n" : "\n");
            }
        }
        ParsedSamples parsed = new InfluxLineParser(MetricLimits.defaults()).parse(body.toString().getBytes(StandardCharsets.UTF_8), precision, RECEIVED);
        assertEquals(List.of(), parsed.errors(), body::toString);
        assertEquals(expected.size(), parsed.accepted().size(), body::toString);
        for (int i = 0; i < expected.size(); i++) {
            MetricSample want = expected.get(i);
            MetricSample got = parsed.accepted().get(i);
            assertEquals(want.series(), got.series(), body::toString);
            assertEquals(want.timestampMillis(), got.timestampMillis(), body::toString);
            assertEquals(Double.doubleToRawLongBits(want.value()), Double.doubleToRawLongBits(got.value()),
                    () -> want + " read as " + got.value() + " from\n" + body);
        }
    }

    @Property(tries = 300)
    void randomBytesAreRejectedLineByLine(@ForAll @Size(max = 600) byte[] body, @ForAll Precision precision) {
        assertAnsweredLineByLine(body, precision);
    }

    @Property(tries = 500)
    void mutatedBodiesAreRejectedLineByLine(@ForAll("lines") @Size(min = 1, max = 8) List<Line> lines, @ForAll Precision precision,
                                            @ForAll long seed) {
        StringBuilder body = new StringBuilder();
        for (Line line : lines) {
            body.append(line.text()).append(" 1795341600000\n");
        }
        byte[] valid = body.toString().getBytes(StandardCharsets.UTF_8);
        assertAnsweredLineByLine(mutate(valid, new Random(seed), ",= \"\\\n#0123456789.eEituTF-"), precision);
    }

    private static void assertAnsweredLineByLine(byte[] body, Precision precision) {
        for (MetricLimits limits : List.of(MetricLimits.defaults(), SMALL_LIMITS)) {
            try {
                ParsedSamples parsed = new InfluxLineParser(limits).parse(body, precision, RECEIVED);
                assertWellFormed(parsed, limits);
                for (MetricSample sample : parsed.accepted()) {
                    assertTrue(Double.isFinite(sample.value()), sample::toString);
                }
            } catch (LoupeException requestLevel) {
                assertEquals(ErrorCode.TOO_MANY_EVENTS, requestLevel.code(), requestLevel::getMessage);
            }
        }
    }

    private static String escape(String text, String escapable) {
        StringBuilder escaped = new StringBuilder();
        text.chars().forEach(c -> {
            if (escapable.indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append((char) c);
        });
        return escaped.toString();
    }

    /** A field as rendered and the value it must read as. */
    record Field(String text, double value) {
    }

    @Provide
    Arbitrary<List<Line>> lines() {
        Arbitrary<String> measurements = MetricSampleArbitraries.metricNames(15);
        Arbitrary<String> keys = MetricSampleArbitraries.labelNames();
        Arbitrary<String> tagValues = MetricSampleArbitraries.labelValues("\"\\\t,= {}#");
        Arbitrary<Field> fields = Arbitraries.oneOf(
                Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite).map(v -> new Field(Double.toString(v), v)),
                Arbitraries.doubles().map(v -> new Field(Double.toString(v), v)),
                Arbitraries.longs().between(-(1L << 53), 1L << 53).map(v -> new Field(v + "i", (double) v)),
                Arbitraries.longs().between(0, 1L << 53).map(v -> new Field(v + "u", (double) v)),
                Arbitraries.of(new Field("t", 1), new Field("TRUE", 1), new Field("False", 0), new Field("f", 0), new Field("-0.0", -0.0)));
        Arbitrary<Map<String, Field>> fieldMaps = Arbitraries.maps(
                Arbitraries.oneOf(keys, Arbitraries.just("value")), fields).ofMinSize(1).ofMaxSize(4);
        Arbitrary<Long> timestamps = Arbitraries.oneOf(Arbitraries.just(RECEIVED),
                Arbitraries.longs().between(-9_000_000_000_000L, 9_000_000_000_000L));
        return Combinators.combine(measurements, Arbitraries.maps(keys, tagValues).ofMaxSize(4), fieldMaps, timestamps)
                .as((measurement, tags, fieldMap, timestamp) -> {
                    StringBuilder text = new StringBuilder(escape(measurement, ", \\"));
                    tags.forEach((key, value) -> text.append(',').append(escape(key, ",= \\")).append('=').append(escape(value, ",= \\")));
                    Labels labels = Labels.of(tags);
                    text.append(' ');
                    List<MetricSample> samples = new ArrayList<>();
                    fieldMap.forEach((key, field) -> {
                        text.append(samples.isEmpty() ? "" : ",").append(escape(key, ",= \\")).append('=').append(field.text());
                        samples.add(new MetricSample(key.equals("value") ? measurement : measurement + "_" + key, labels, timestamp, field.value()));
                    });
                    return new Line(text.toString(), samples);
                })
                .list();
    }
}
