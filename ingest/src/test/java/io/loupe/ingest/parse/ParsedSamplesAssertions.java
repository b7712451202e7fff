package io.loupe.ingest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.MetricSample;
import java.util.List;
import java.util.function.Supplier;

/** What every metric parser's result must look like, asserted the same way in each protocol's tests. */
public final class ParsedSamplesAssertions {
    private ParsedSamplesAssertions() {
    }

    /** Asserts that the request's one sample (or line) was rejected, and returns why. */
    public static String onlyError(ParsedSamples parsed) {
        assertEquals(List.of(), parsed.accepted());
        assertEquals(1, parsed.rejected(), () -> "errors: " + parsed.errors());
        LineError error = parsed.errors().getFirst();
        assertEquals(ErrorCode.INVALID_SAMPLE, error.code());
        return error.message();
    }

    /** Same series and timestamp, and the same value bit for bit (any NaN for a NaN). */
    public static void assertSameSample(MetricSample expected, MetricSample actual, Supplier<String> input) {
        assertEquals(expected.series(), actual.series(), input);
        assertEquals(expected.timestampMillis(), actual.timestampMillis(), () -> "timestamp of " + expected + " in\n" + input.get());
        if (Double.isNaN(expected.value())) {
            assertTrue(Double.isNaN(actual.value()), () -> "value of " + expected + ": " + actual.value());
        } else {
            assertEquals(Double.doubleToRawLongBits(expected.value()), Double.doubleToRawLongBits(actual.value()),
                    () -> "value of " + expected + ": " + actual.value() + " in\n" + input.get());
        }
    }

    /**
     * What any answer must hold, whatever the input: every reject counted and the first ones listed as
     * INVALID_SAMPLE at a 1-based line; every accepted sample a valid name with valid label names,
     * within the labels limit.
     */
    public static void assertWellFormed(ParsedSamples parsed, MetricLimits limits) {
        assertEquals(Math.min(parsed.rejected(), ParsedSamples.MAX_LISTED_ERRORS), parsed.errors().size());
        for (MetricSample sample : parsed.accepted()) {
            assertTrue(sample.series().name().matches("[a-zA-Z_:][a-zA-Z0-9_:]*"), sample::toString);
            assertTrue(sample.series().labels().size() <= limits.maxLabelsPerSeries(), sample::toString);
            for (int i = 0; i < sample.series().labels().size(); i++) {
                assertTrue(sample.series().labels().name(i).matches("[a-zA-Z_][a-zA-Z0-9_]*"), sample::toString);
            }
        }
        for (LineError error : parsed.errors()) {
            assertEquals(ErrorCode.INVALID_SAMPLE, error.code());
            assertTrue(error.line() >= 1, error::toString);
        }
    }
}
