package io.loupe.search.metric;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a metric query computes per bucket (the {@code fn} parameter). See the package
 * documentation for the exact definitions.
 */
public enum MetricFunction {
    AVG("avg"),
    MIN("min"),
    MAX("max"),
    SUM("sum"),
    COUNT("count"),
    LAST("last"),
    RATE("rate"),
    INCREASE("increase"),
    P50("p50"),
    P90("p90"),
    P99("p99");

    private final String wireName;

    MetricFunction(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The function of a wire name, any case; throws IllegalArgumentException listing the accepted names. */
    public static MetricFunction fromWireName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (MetricFunction function : values()) {
            if (function.wireName.equals(wanted)) {
                return function;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not one of "
                + Arrays.stream(values()).map(MetricFunction::wireName).collect(Collectors.joining(", ")));
    }

    /** True for p50, p90, p99: they need every raw sample of a bucket, so they never read rollups. */
    public boolean isQuantile() {
        return this == P50 || this == P90 || this == P99;
    }

    /** The quantile in [0, 1] of a quantile function. */
    public double quantile() {
        return switch (this) {
            case P50 -> 0.5;
            case P90 -> 0.9;
            case P99 -> 0.99;
            default -> throw new IllegalStateException(wireName + " is not a quantile");
        };
    }

    /** True for rate and increase: the first bucket needs the sample before it (the lookback). */
    public boolean isCounterFunction() {
        return this == RATE || this == INCREASE;
    }

    /**
     * How series of one group combine: rate, increase and last are computed per series and summed
     * (as {@code sum by (...) (rate(...))}); the others pool the samples of all the group's series.
     */
    public boolean poolsSamples() {
        return this != RATE && this != INCREASE && this != LAST;
    }
}
