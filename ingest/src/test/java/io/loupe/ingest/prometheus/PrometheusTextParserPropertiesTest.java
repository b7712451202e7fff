package io.loupe.ingest.prometheus;

import static io.loupe.ingest.parse.MetricSampleArbitraries.SMALL_LIMITS;
import static io.loupe.ingest.parse.MetricSampleArbitraries.mutate;
import static io.loupe.ingest.parse.ParsedSamplesAssertions.assertSameSample;
import static io.loupe.ingest.parse.ParsedSamplesAssertions.assertWellFormed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.Labels;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.MetricSample;
import io.loupe.ingest.parse.LineError;
import io.loupe.ingest.parse.MetricLimits;
import io.loupe.ingest.parse.MetricSampleArbitraries;
import io.loupe.ingest.parse.ParsedSamples;
import io.loupe.ingest.prometheus.PrometheusTextParser.Format;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Random samples rendered in either text format (blanks, HELP/TYPE lines and exemplars thrown in)
 * parse back unchanged, values bit for bit; random bytes and random mutations of valid expositions
 * are answered line by line, never with an unexpected exception.
 */
class PrometheusTextParserPropertiesTest {
    private static final long SCRAPE_TIME = 1_795_341_600_000L;

    @Property(tries = 400)
    void renderedSamplesParseBackToTheSameSamples(@ForAll("samples") @Size(max = 25) List<MetricSample> samples,
                                                  @ForAll Format format, @ForAll long seed) {
        Random random = new Random(seed);
        StringBuilder body = new StringBuilder();
        for (MetricSample sample : samples) {
            render(sample, format, random, body);
        }
        if (format == Format.OPEN_METRICS) {
            body.append("# EOF\n");
        }
        ParsedSamples parsed = new PrometheusTextParser(MetricLimits.defaults())
                .parse(body.toString().getBytes(StandardCharsets.UTF_8), format, SCRAPE_TIME, Labels.EMPTY);
        assertEquals(List.of(), parsed.errors(), body::toString);
        assertEquals(samples.size(), parsed.accepted().size(), body::toString);
        for (int i = 0; i < samples.size(); i++) {
            assertSameSample(samples.get(i), parsed.accepted().get(i), body::toString);
        }
    }

    @Property(tries = 300)
    void randomBytesAreRejectedLineByLine(@ForAll @Size(max = 600) byte[] body, @ForAll Format format) {
        assertAnsweredLineByLine(body, format);
    }

    @Property(tries = 500)
    void mutatedExpositionsAreRejectedLineByLine(@ForAll("samples") @Size(min = 1, max = 10) List<MetricSample> samples,
                                                 @ForAll Format format, @ForAll long seed) {
        Random random = new Random(seed);
        StringBuilder body = new StringBuilder();
        for (MetricSample sample : samples) {
            render(sample, format, random, body);
        }
        body.append("# EOF\n");
        byte[] valid = body.toString().getBytes(StandardCharsets.UTF_8);
        assertAnsweredLineByLine(mutate(valid, random, "{}\",=#\\ \n\t0123456789.eE+-_aZ"), format);
    }

    private static void assertAnsweredLineByLine(byte[] body, Format format) {
        int lines = 1;
        for (byte b : body) {
            lines += b == '\n' ? 1 : 0;
        }
        for (MetricLimits limits : List.of(MetricLimits.defaults(), SMALL_LIMITS)) {
            for (Labels target : List.of(Labels.EMPTY, Labels.of("job", "node", "instance", "web-3:9100"))) {
                try {
                    ParsedSamples parsed = new PrometheusTextParser(limits).parse(body, format, SCRAPE_TIME, target);
                    assertWellFormed(parsed, limits);
                    assertTrue(parsed.accepted().size() + parsed.rejected() <= lines + 1, "at most one outcome per line, and the missing # EOF");
                    for (MetricSample sample : parsed.accepted()) {
                        for (int i = 0; i < target.size(); i++) {
                            assertEquals(target.value(i), sample.series().labels().get(target.name(i)), "target labels win");
                        }
                    }
                    for (LineError error : parsed.errors()) {
                        assertTrue(error.line() <= lines + 1, error::toString);
                    }
                } catch (LoupeException requestLevel) {
                    assertEquals(ErrorCode.TOO_MANY_EVENTS, requestLevel.code(), requestLevel::getMessage);
                }
            }
        }
    }

    /** A tiny exposition writer: HELP/TYPE lines now and then, random blanks, optional timestamp and exemplar. */
    private static void render(MetricSample sample, Format format, Random random, StringBuilder out) {
        String name = sample.series().name();
        if (random.nextInt(4) == 0) {
            out.append("# HELP ").append(name).append(" some help, with \\\\ and \\n escapes\n");
        }
        if (random.nextInt(4) == 0) {
            out.append("# TYPE ").append(name).append(random.nextBoolean() ? " gauge\n" : " untyped\n");
        }
        out.append(name);
        Labels labels = sample.series().labels();
        if (labels.size() > 0 || random.nextBoolean()) {
            out.append(blanks(random, 0)).append('{');
            for (int i = 0; i < labels.size(); i++) {
                out.append(i > 0 ? "," : "").append(blanks(random, 0)).append(labels.name(i)).append(blanks(random, 0)).append('=')
                        .append(blanks(random, 0)).append('"');
                labels.value(i).chars().forEach(c -> out.append(switch (c) {
                    case '\\' -> "\\\\";
                    case '"' -> "\\\"";
                    case '\n' -> "\\n";
                    default -> String.valueOf((char) c);
                }));
                out.append('"').append(blanks(random, 0));
            }
            out.append(random.nextInt(5) == 0 && labels.size() > 0 ? ",}" : "}");
        }
        out.append(blanks(random, 1)).append(renderValue(sample.value(), random));
        if (sample.timestampMillis() != SCRAPE_TIME) {
            out.append(blanks(random, 1)).append(format == Format.OPEN_METRICS ? seconds(sample.timestampMillis()) : sample.timestampMillis());
        }
        if (format == Format.OPEN_METRICS && random.nextInt(3) == 0) {
            out.append(" # {trace_id=\"KOO5S4vxi0o\"} 0.67").append(random.nextBoolean() ? " 1520879607.789" : "");
        }
        out.append(blanks(random, 0)).append(random.nextInt(5) == 0 ? "\r\n" : "\n");
        if (random.nextInt(6) == 0) {
            out.append(random.nextBoolean() ? "\n" : " \t\n");
        }
    }

    private static String renderValue(double value, Random random) {
        if (Double.isNaN(value)) {
            return random.nextBoolean() ? "NaN" : "nan";
        }
        if (Double.isInfinite(value)) {
            String[] spellings = {"Inf", "+Inf", "inf", "+Infinity"};
            return value > 0 ? spellings[random.nextInt(spellings.length)] : random.nextBoolean() ? "-Inf" : "-inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15 && random.nextBoolean()) {
            return (Double.doubleToRawLongBits(value) < 0 ? "-" : "") + Long.toString(Math.abs((long) value));
        }
        return Double.toString(value);
    }

    /** Epoch milliseconds as OpenMetrics seconds: {@code -1500} is {@code -1.500}. */
    private static String seconds(long millis) {
        long magnitude = Math.abs(millis);
        return (millis < 0 ? "-" : "") + magnitude / 1000 + "." + String.format("%03d", magnitude % 1000);
    }

    private static String blanks(Random random, int atLeast) {
        int count = atLeast + (random.nextInt(4) == 0 ? random.nextInt(3) : 0);
        StringBuilder blanks = new StringBuilder();
        for (int i = 0; i < count; i++) {
            blanks.append(random.nextInt(3) == 0 ? '\t' : ' ');
        }
        return blanks.toString();
    }

    @Provide
    Arbitrary<List<MetricSample>> samples() {
        return MetricSampleArbitraries.samples("\"\\\n\t,={}# ", Arbitraries.oneOf(Arbitraries.just(SCRAPE_TIME),
                Arbitraries.longs().between(-100_000_000_000_000_000L, 100_000_000_000_000_000L),
                Arbitraries.longs().between(-5000, 5000)));
    }
}
