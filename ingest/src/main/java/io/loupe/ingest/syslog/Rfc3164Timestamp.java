package io.loupe.ingest.syslog;

import io.loupe.index.api.EpochNanos;
import io.loupe.ingest.parse.TimestampParser;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * Reads the timestamp at the start of an RFC 3164 message: {@code Mmm dd hh:mm:ss} (day padded with
 * a space or a zero, or not padded at all), which has no year and no zone, or an RFC 3339 timestamp
 * as rsyslog's forward format writes there. The year is the one that puts the time nearest the
 * receive time without being more than a day after it; the zone is {@code syslog.timezone}.
 * Thread-safe.
 */
final class Rfc3164Timestamp {
    private static final List<String> MONTHS = List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");
    private static final long DAY_NANOS = 86_400_000_000_000L;

    /** A timestamp read: epoch nanoseconds, its text, and the index just after it. */
    record Read(long epochNanos, String text, int end) {
    }

    private final ZoneId zone;

    Rfc3164Timestamp(ZoneId zone) {
        this.zone = zone;
    }

    /** The timestamp at {@code from}, or null when there is none. */
    Read read(String text, int from, long receivedNanos) {
        if (text.length() >= from + 5 && Character.isDigit(text.charAt(from)) && text.charAt(from + 4) == '-') {
            int space = text.indexOf(' ', from);
            int end = space < 0 ? text.length() : space;
            try {
                return new Read(TimestampParser.parseText(text.substring(from, end)), text.substring(from, end), end);
            } catch (IllegalArgumentException notATimestamp) {
                return null;
            }
        }
        if (text.length() < from + 14 || text.charAt(from + 3) != ' ') {
            return null;
        }
        int month = MONTHS.indexOf(text.substring(from, from + 3)) + 1;
        if (month == 0) {
            return null;
        }
        int i = from + 4;
        if (text.charAt(i) == ' ') {
            i++;
        }
        int dayStart = i;
        while (i < text.length() && i - dayStart < 2 && Character.isDigit(text.charAt(i))) {
            i++;
        }
        if (i == dayStart || i + 9 > text.length() || text.charAt(i) != ' ') {
            return null;
        }
        int day = Integer.parseInt(text, dayStart, i, 10);
        int t = i + 1;
        if (text.charAt(t + 2) != ':' || text.charAt(t + 5) != ':' || !digits(text, t, 2) || !digits(text, t + 3, 2) || !digits(text, t + 6, 2)) {
            return null;
        }
        int hour = Integer.parseInt(text, t, t + 2, 10);
        int minute = Integer.parseInt(text, t + 3, t + 5, 10);
        int second = Integer.parseInt(text, t + 6, t + 8, 10);
        Long nanos = nearestYear(month, day, hour, minute, second, receivedNanos);
        return nanos == null ? null : new Read(nanos, text.substring(from, t + 8), t + 8);
    }

    private Long nearestYear(int month, int day, int hour, int minute, int second, long receivedNanos) {
        int receivedYear = LocalDateTime.ofInstant(Instant.ofEpochSecond(0, receivedNanos), zone).getYear();
        Long best = null;
        for (int year = receivedYear + 1; year >= receivedYear - 1; year--) {
            long candidate;
            try {
                candidate = EpochNanos.of(LocalDateTime.of(year, month, day, hour, minute, second).atZone(zone).toInstant());
            } catch (DateTimeException | ArithmeticException invalidDate) {
                continue; // Feb 29 of a year that has none, Apr 31, ...
            }
            if (candidate - receivedNanos > DAY_NANOS) {
                continue;
            }
            if (best == null || Math.abs(candidate - receivedNanos) < Math.abs(best - receivedNanos)) {
                best = candidate;
            }
        }
        return best;
    }

    private static boolean digits(String text, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
