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
public final class TimestampParser {
    private static final long MILLIS_LIMIT = 1_000_000_000_000_000L;
    private static final long MICROS_LIMIT = 100_000_000_000_000_000L;
    static final long NOT_COMMON_FORM = Long.MIN_VALUE;
    /** Longer text is refused before any parsing (RFC 3339 with nanoseconds and an offset is 35). */
    static final int MAX_TEXT_LENGTH = 64;

    private TimestampParser() {
    }

    /** Epoch nanos of an RFC 3339 string; throws IllegalArgumentException naming the value. */
    public static long parseText(String text) {
        if (text.length() > MAX_TEXT_LENGTH) {
            // a megabyte of digits would make BigDecimal arithmetic take seconds
            throw new IllegalArgumentException("timestamp '" + InputExcerpt.of(text) + "' is " + text.length()
                    + " characters long; a timestamp has at most " + MAX_TEXT_LENGTH);
        }
        String value = text.trim();
        if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return parseNumber(new BigDecimal(value));
        }
        long fast = parseCommonForm(value);
        if (fast != NOT_COMMON_FORM) {
            return fast;
        }
        try {
            OffsetDateTime time = OffsetDateTime.parse(value.replace(' ', 'T'), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return EpochNanos.of(time.toInstant());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("timestamp '" + InputExcerpt.of(text)
                    + "' is not RFC 3339 (e.g. 2026-11-22T10:15:30.123Z) nor epoch milliseconds or nanoseconds");
        }
    }

    /**
     * The shape nearly every shipper sends, {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|+hh:mm)}, read
     * without a formatter (the formatter was 5% of ingest CPU). Anything else, including values out
     * of range, returns {@link #NOT_COMMON_FORM} and goes to the full parser, which also words the error.
     */
    static long parseCommonForm(String v) {
        int n = v.length();
        if (n < 20 || v.charAt(4) != '-' || v.charAt(7) != '-' || (v.charAt(10) != 'T' && v.charAt(10) != 't' && v.charAt(10) != ' ')
                || v.charAt(13) != ':' || v.charAt(16) != ':') {
            return NOT_COMMON_FORM;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 2);
        int day = digits(v, 8, 2);
        int hour = digits(v, 11, 2);
        int minute = digits(v, 14, 2);
        int second = digits(v, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return NOT_COMMON_FORM;
        }
        int i = 19;
        long nanos = 0;
        if (i < n && v.charAt(i) == '.') {
            int start = ++i;
            while (i < n && v.charAt(i) >= '0' && v.charAt(i) <= '9') {
                i++;
            }
            int count = i - start;
            if (count == 0 || count > 9) {
                return NOT_COMMON_FORM;
            }
            nanos = digits(v, start, count);
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && (v.charAt(i) == 'Z' || v.charAt(i) == 'z')) {
            offsetSeconds = 0;
        } else if (i == n - 6 && (v.charAt(i) == '+' || v.charAt(i) == '-') && v.charAt(i + 3) == ':') {
            int offsetHours = digits(v, i + 1, 2);
            int offsetMinutes = digits(v, i + 4, 2);
            if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59) {
                return NOT_COMMON_FORM;
            }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (v.charAt(i) == '-' ? -1 : 1);
        } else {
            return NOT_COMMON_FORM;
        }
        if (day > 28 && day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return NOT_COMMON_FORM;
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        long seconds = epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
        try {
            return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
        } catch (ArithmeticException e) {
            return NOT_COMMON_FORM;
        }
    }

    /** The decimal value of {@code count} digits at {@code from}, or -1 when one is not a digit. */
    private static int digits(String v, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Epoch nanos of a number of milliseconds, microseconds or nanoseconds (by magnitude). */
    public static long parseNumber(BigDecimal number) {
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
}
