package io.loupe.ingest.influx;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;

/**
 * The unit of line protocol timestamps, from the {@code precision} parameter: InfluxDB v2 spells it
 * {@code ns, us, ms, s}, v1 {@code n, u, ms, s, m, h} (there {@code m} is minutes).
 */
public enum Precision {
    NANOSECONDS, MICROSECONDS, MILLISECONDS, SECONDS, MINUTES, HOURS;

    /** The precision a parameter names; absent or empty means nanoseconds, as in InfluxDB. */
    public static Precision fromParameter(String parameter) {
        if (parameter == null || parameter.isEmpty()) {
            return NANOSECONDS;
        }
        return switch (parameter) {
            case "ns", "n" -> NANOSECONDS;
            case "us", "u", "\u00b5" -> MICROSECONDS;
            case "ms" -> MILLISECONDS;
            case "s" -> SECONDS;
            case "m" -> MINUTES;
            case "h" -> HOURS;
            default -> throw new LoupeException(ErrorCode.INVALID_PARAMETER, "precision '"
                    + (parameter.length() <= 16 ? parameter : parameter.substring(0, 16) + "...")
                    + "' is not one of ns, us, ms, s (influxdb v2) or n, u, ms, s, m, h (influxdb v1)");
        };
    }

    /**
     * Epoch milliseconds of a timestamp in this unit, rounded down.
     *
     * @throws ArithmeticException when the time does not fit a long of milliseconds
     */
    public long toEpochMillis(long timestamp) {
        return switch (this) {
            case NANOSECONDS -> Math.floorDiv(timestamp, 1_000_000L);
            case MICROSECONDS -> Math.floorDiv(timestamp, 1_000L);
            case MILLISECONDS -> timestamp;
            case SECONDS -> Math.multiplyExact(timestamp, 1_000L);
            case MINUTES -> Math.multiplyExact(timestamp, 60_000L);
            case HOURS -> Math.multiplyExact(timestamp, 3_600_000L);
        };
    }
}
