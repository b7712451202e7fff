package io.loupe.ingest.parse;

import io.loupe.index.api.EpochNanos;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads event timestamps: RFC 3339 strings (any fraction, {@code Z} or an offset, a space instead of
 * {@code T} allowed) or epoch numbers, whose unit is told by magnitude: below 10^15 milliseconds
 * (fractions allowed), below 10^17 microseconds, otherwise nanoseconds.
 */
final class TimestampParser {
    private static final long MILLIS_LIMIT = 1_000_000_000_000_000L;
    private static final long MICROS_LIMIT = 100_000_000_000_000_000L;

    private TimestampParser() {
    }

    /** Epoch nanos of an RFC 3339 string; throws IllegalArgumentException naming the value. */
    static long parseText(String text) {
        String value = text.trim();
        if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return parseNumber(new BigDecimal(value));
        }
        try {
            OffsetDateTime time = OffsetDateTime.parse(value.replace(' ', 'T'), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return EpochNanos.of(time.toInstant());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("timestamp '" + abbreviate(text)
                    + "' is not RFC 3339 (e.g. 2026-11-22T10:15:30.123Z) nor epoch milliseconds or nanoseconds");
        }
    }

    /** Epoch nanos of a number of milliseconds, microseconds or nanoseconds (by magnitude). */
    static long parseNumber(BigDecimal number) {
        if (number.signum() < 0) {
            throw new IllegalArgumentException("timestamp " + number.toPlainString() + " is negative");
        }
        BigDecimal nanos;
        if (number.compareTo(BigDecimal.valueOf(MILLIS_LIMIT)) < 0) {
            nanos = number.movePointRight(6);
        } else if (number.compareTo(BigDecimal.valueOf(MICROS_LIMIT)) < 0) {
            nanos = number.movePointRight(3);
        } else {
            nanos = number;
        }
        try {
            return nanos.toBigInteger().longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("timestamp " + number.toPlainString() + " is out of range");
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
