package io.loupe.ingest.parse;

import io.loupe.index.api.Labels;
import io.loupe.index.api.MetricSample;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random metric samples and random damage for the property tests of every text protocol parser
 * (native, Prometheus text, Influx line protocol): names and labels that each format can carry,
 * values that probe every float corner, and edits that turn a valid body into near-valid garbage.
 */
public final class MetricSampleArbitraries {
    /** Limits small enough that random input runs into every one of them. */
    public static final MetricLimits SMALL_LIMITS = new MetricLimits(40, 4, 24, 300);

    private MetricSampleArbitraries() {
    }

    /** Metric names, {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, at most {@code 1 + maxTailLength} characters. */
    public static Arbitrary<String> metricNames(int maxTailLength) {
        return Combinators.combine(Arbitraries.strings().withChars("abcxyzABZ_:").ofLength(1),
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789_:").ofMaxLength(maxTailLength)).as(String::concat);
    }

    /** Label names, {@code [a-zA-Z_][a-zA-Z0-9_]*}, never the reserved {@code __name__}. */
    public static Arbitrary<String> labelNames() {
        return Combinators.combine(Arbitraries.strings().withChars("abcxyzABZ_").ofLength(1),
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789_").ofMaxLength(10)).as(String::concat)
                .filter(name -> !name.equals("__name__"));
    }

    /**
     * Label values up to 12 characters: printable ASCII, the format's {@code syntax} characters often,
     * accents, the euro sign, other BMP characters, and now and then a character outside the BMP.
     */
    public static Arbitrary<String> labelValues(String syntax) {
        return Arbitraries.strings().withChars(syntax + "aZ09\u00e9\u20ac")
                .withCharRange(' ', '~').withCharRange('\u00a0', '\ud7ff').ofMaxLength(12)
                .map(value -> value.endsWith("!") ? value + "\ud83d\ude00" : value);
    }

    /** Any double bit pattern, ordinary doubles, integers, and the corners: signed zeros, NaN, infinities, extremes. */
    public static Arbitrary<Double> sampleValues() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(Double::longBitsToDouble),
                Arbitraries.doubles(),
                Arbitraries.integers().map(i -> (double) i),
                Arbitraries.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE));
    }

    /** Lists of samples with up to 5 labels whose values may hold any of {@code labelValueSyntax}. */
    public static Arbitrary<List<MetricSample>> samples(String labelValueSyntax, Arbitrary<Long> timestamps) {
        Arbitrary<Map<String, String>> labels = Arbitraries.maps(labelNames(), labelValues(labelValueSyntax)).ofMaxSize(5);
        return Combinators.combine(metricNames(20), labels, timestamps, sampleValues())
                .as((name, labelMap, timestamp, value) -> new MetricSample(name, Labels.of(labelMap), timestamp, value))
                .list();
    }

    /**
     * A few random edits of a valid body: bytes replaced (often by one of the format's {@code syntax}
     * characters), inserted, deleted, or the body cut. Edits {@code valid} in place.
     */
    public static byte[] mutate(byte[] valid, Random random, String syntax) {
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
                default -> body = Arrays.copyOf(body, at);
            }
        }
        return body;
    }
}
