package io.loupe.search.request;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads intervals such as {@code 30s}, {@code 1m}, {@code 6h}, {@code 1d}, {@code 1w}. */
public final class DurationExpression {
    private static final Pattern INTERVAL = Pattern.compile("(\\d+)([smhdw])");

    private DurationExpression() {
    }

    public static Duration parse(String text) {
        Matcher matcher = INTERVAL.matcher(text.trim());
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw new IllegalArgumentException("'" + text + "' is not an interval: use a positive number and a unit of s, m, h, d or w (e.g. 1m)");
        }
        return Duration.ofSeconds(Long.parseLong(matcher.group(1)) * unitSeconds(matcher.group(2).charAt(0)));
    }

    static long unitSeconds(char unit) {
        return switch (unit) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3600;
            case 'd' -> 86_400;
            case 'w' -> 7 * 86_400;
            default -> throw new IllegalArgumentException("unknown time unit " + unit);
        };
    }
}
