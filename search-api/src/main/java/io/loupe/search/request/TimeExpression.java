package io.loupe.search.request;

import io.loupe.index.api.EpochNanos;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code from}/{@code to} of a search: RFC 3339 ({@code 2026-11-22T10:00:00Z}), epoch
 * milliseconds ({@code 1763805600000}), {@code now}, or {@code now} minus/plus an amount with a
 * unit of s, m, h, d or w ({@code now-15m}, {@code now-2d}).
 */
public final class TimeExpression {
    private static final Pattern RELATIVE = Pattern.compile("now(?:([+-])(\\d+)([smhdw]))?");

    private TimeExpression() {
    }

    /** Epoch nanos of the expression; throws IllegalArgumentException with a message for the user. */
    public static long parse(String expression, Instant now) {
        String text = expression.trim();
        Matcher relative = RELATIVE.matcher(text);
        if (relative.matches()) {
            if (relative.group(1) == null) {
                return EpochNanos.of(now);
            }
            long seconds = Long.parseLong(relative.group(2)) * DurationExpression.unitSeconds(relative.group(3).charAt(0));
            return EpochNanos.of(relative.group(1).equals("-") ? now.minusSeconds(seconds) : now.plusSeconds(seconds));
        }
        if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
            return Math.multiplyExact(Long.parseLong(text), 1_000_000L);
        }
        try {
            return EpochNanos.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + expression + "' is not a time: use RFC 3339 (2026-11-22T10:00:00Z), "
                    + "epoch milliseconds, now, or now-15m / now-2d (units s, m, h, d, w)");
        }
    }
}
