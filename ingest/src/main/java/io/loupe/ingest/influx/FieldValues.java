package io.loupe.ingest.influx;

import java.nio.charset.StandardCharsets;

/**
 * Reads an unquoted line protocol field value as a sample value: a float ({@code -1.5e3}), an integer
 * ({@code 12i}), an unsigned integer ({@code 12u}) or a boolean ({@code t, T, true, True, TRUE} are 1,
 * {@code f, F, false, False, FALSE} are 0). Integers beyond 2^53 lose their lowest bits as doubles.
 * Throws {@link NumberFormatException} with a lowercase reason when the token is none of these.
 */
final class FieldValues {
    static final String ACCEPTED = "a float, an integer (12i), an unsigned integer (12u) or a boolean (t, f, true, false)";

    private FieldValues() {
    }

    static double parse(byte[] line, int from, int to) {
        byte last = line[to - 1];
        if (last == 'i') {
            return parseInteger(line, from, to - 1);
        }
        if (last == 'u') {
            return parseUnsigned(line, from, to - 1);
        }
        double bool = parseBoolean(line, from, to);
        if (!Double.isNaN(bool)) {
            return bool;
        }
        return parseFloat(line, from, to);
    }

    private static double parseInteger(byte[] line, int from, int to) {
        int i = from;
        boolean negative = i < to && line[i] == '-';
        if (negative) {
            i++;
        }
        if (i == to) {
            throw new NumberFormatException("is not " + ACCEPTED);
        }
        long negated = 0;
        for (; i < to; i++) {
            int digit = line[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new NumberFormatException("is not " + ACCEPTED);
            }
            if (negated < (Long.MIN_VALUE + digit) / 10) {
                throw new NumberFormatException("is out of the range of a 64-bit integer");
            }
            negated = negated * 10 - digit;
        }
        if (!negative && negated == Long.MIN_VALUE) {
            throw new NumberFormatException("is out of the range of a 64-bit integer");
        }
        return negative ? (double) negated : (double) -negated;
    }

    private static double parseUnsigned(byte[] line, int from, int to) {
        if (from == to) {
            throw new NumberFormatException("is not " + ACCEPTED);
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = line[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new NumberFormatException("is not " + ACCEPTED);
            }
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, 10)) > 0) {
                throw new NumberFormatException("is out of the range of a 64-bit unsigned integer");
            }
            value = value * 10 + digit;
        }
        return value >= 0 ? (double) value : Double.parseDouble(Long.toUnsignedString(value));
    }

    /** 1 or 0 for the boolean spellings, NaN for anything else. */
    private static double parseBoolean(byte[] line, int from, int to) {
        byte first = line[from];
        boolean mayBeBoolean = to - from <= 5 && (first == 't' || first == 'T' || first == 'f' || first == 'F');
        String token = mayBeBoolean ? new String(line, from, to - from, StandardCharsets.ISO_8859_1) : "";
        return switch (token) {
            case "t", "T", "true", "True", "TRUE" -> 1;
            case "f", "F", "false", "False", "FALSE" -> 0;
            default -> Double.NaN;
        };
    }

    private static double parseFloat(byte[] line, int from, int to) {
        boolean digit = false;
        for (int i = from; i < to; i++) {
            byte c = line[i];
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != 'e' && c != 'E' && c != '+' && c != '-') {
                throw new NumberFormatException("is not " + ACCEPTED);
            }
        }
        double value;
        try {
            value = digit ? Double.parseDouble(new String(line, from, to - from, StandardCharsets.ISO_8859_1)) : Double.NaN;
        } catch (NumberFormatException e) {
            throw new NumberFormatException("is not " + ACCEPTED);
        }
        if (Double.isNaN(value)) {
            throw new NumberFormatException("is not " + ACCEPTED);
        }
        if (Double.isInfinite(value)) {
            throw new NumberFormatException("is out of the range of a 64-bit float");
        }
        return value;
    }
}
