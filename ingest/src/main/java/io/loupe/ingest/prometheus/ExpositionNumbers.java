package io.loupe.ingest.prometheus;

import java.nio.charset.StandardCharsets;

/**
 * Reads the numbers of an exposition straight from the body bytes: sample values in Go float syntax,
 * text-format timestamps (integer milliseconds) and OpenMetrics timestamps (seconds with a fraction).
 * Each method throws {@link NumberFormatException} with a lowercase reason when the token is not one.
 */
final class ExpositionNumbers {
    /** Powers of ten a double holds exactly. */
    private static final double[] EXACT_POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    };
    /** Decimal digits whose value a double always holds exactly (10^15 < 2^53). */
    private static final int EXACT_DIGITS = 15;

    private ExpositionNumbers() {
    }

    /**
     * A sample value as Go's {@code strconv.ParseFloat} reads it: decimal with optional sign, fraction and
     * exponent, or (any case) {@code NaN}, {@code Inf}, {@code Infinity} with an optional sign on the
     * infinities. Hexadecimal floats are not accepted. The result is correctly rounded.
     */
    static double parseValue(byte[] bytes, int from, int to) {
        if (from >= to) {
            throw new NumberFormatException("is empty");
        }
        int i = from;
        boolean negative = bytes[i] == '-';
        boolean signed = negative || bytes[i] == '+';
        if (signed) {
            i++;
        }
        double plain = plainDecimal(bytes, i, to);
        if (!Double.isNaN(plain)) {
            return negative ? -plain : plain;
        }
        if (equalsIgnoreCase(bytes, i, to, "inf") || equalsIgnoreCase(bytes, i, to, "infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!signed && equalsIgnoreCase(bytes, i, to, "nan")) {
            return Double.NaN;
        }
        for (int k = from; k < to; k++) {
            byte c = bytes[k];
            if (!(c >= '0' && c <= '9') && c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-') {
                throw new NumberFormatException("is not a number");
            }
        }
        try {
            return Double.parseDouble(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1));
        } catch (NumberFormatException e) {
            throw new NumberFormatException("is not a number");
        }
    }

    /**
     * The value of {@code digits[.digits]} with at most {@link #EXACT_DIGITS} digits, computed exactly
     * (an exact integer divided by an exact power of ten rounds correctly), or NaN when the token has
     * another shape; the common case, read without making a String.
     */
    private static double plainDecimal(byte[] bytes, int from, int to) {
        long mantissa = 0;
        int digits = 0;
        int fractionDigits = 0;
        boolean dot = false;
        for (int i = from; i < to; i++) {
            byte c = bytes[i];
            if (c >= '0' && c <= '9') {
                if (++digits > EXACT_DIGITS) {
                    return Double.NaN;
                }
                mantissa = mantissa * 10 + (c - '0');
                if (dot) {
                    fractionDigits++;
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return Double.NaN;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        return fractionDigits == 0 ? (double) mantissa : mantissa / EXACT_POWERS_OF_TEN[fractionDigits];
    }

    /** A text format 0.0.4 timestamp: a signed integer number of milliseconds since the epoch. */
    static long parseMillis(byte[] bytes, int from, int to) {
        int i = from;
        boolean negative = i < to && bytes[i] == '-';
        if (negative) {
            i++;
        }
        if (i >= to) {
            throw new NumberFormatException("is not an integer number of milliseconds");
        }
        long value = 0;
        for (; i < to; i++) {
            byte c = bytes[i];
            if (c < '0' || c > '9') {
                throw new NumberFormatException("is not an integer number of milliseconds");
            }
            if (value > (Long.MAX_VALUE - (c - '0')) / 10) {
                throw new NumberFormatException("is out of range");
            }
            value = value * 10 + (c - '0');
        }
        return negative ? -value : value;
    }

    /**
     * An OpenMetrics timestamp: seconds since the epoch, fraction allowed, as epoch milliseconds
     * rounded down. The usual {@code seconds[.fraction]} form is read exactly; other number forms
     * (exponents) through a double.
     */
    static long parseSecondsAsMillis(byte[] bytes, int from, int to) {
        int i = from;
        boolean negative = i < to && bytes[i] == '-';
        if (negative || (i < to && bytes[i] == '+')) {
            i++;
        }
        long seconds = 0;
        int integerDigits = 0;
        for (; i < to && bytes[i] >= '0' && bytes[i] <= '9'; i++) {
            if (++integerDigits <= EXACT_DIGITS) {
                seconds = seconds * 10 + (bytes[i] - '0');
            }
        }
        boolean exact = integerDigits > 0 && integerDigits <= EXACT_DIGITS;
        long fractionMillis = 0;
        boolean belowMillis = false;
        if (exact && i < to && bytes[i] == '.') {
            int place = 0;
            for (i++; i < to && bytes[i] >= '0' && bytes[i] <= '9'; i++, place++) {
                if (place < 3) {
                    fractionMillis = fractionMillis * 10 + (bytes[i] - '0');
                } else if (bytes[i] != '0') {
                    belowMillis = true;
                }
            }
            for (; place < 3; place++) {
                fractionMillis *= 10;
            }
        }
        if (exact && i == to) {
            long millis = seconds * 1000 + fractionMillis;
            return negative ? -millis - (belowMillis ? 1 : 0) : millis;
        }
        double value;
        try {
            value = parseValue(bytes, from, to);
        } catch (NumberFormatException e) {
            throw new NumberFormatException("is not a number of seconds");
        }
        if (!Double.isFinite(value)) {
            throw new NumberFormatException("is not a finite number of seconds");
        }
        double millis = Math.floor(value * 1000);
        if (!(millis >= Long.MIN_VALUE && millis < Long.MAX_VALUE)) {
            throw new NumberFormatException("is out of range");
        }
        return (long) millis;
    }

    private static boolean equalsIgnoreCase(byte[] bytes, int from, int to, String lowercaseWord) {
        if (to - from != lowercaseWord.length()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if ((bytes[i] | 0x20) != lowercaseWord.charAt(i - from)) {
                return false;
            }
        }
        return true;
    }
}
