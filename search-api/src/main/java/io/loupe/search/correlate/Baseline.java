package io.loupe.search.correlate;

import java.util.Arrays;

/**
 * The robust centre and spread of a series over a window: its median and its scaled median absolute
 * deviation (1.4826 × MAD, which equals the standard deviation for normally distributed values but
 * is not moved by the few buckets of a spike). NaN values (buckets without a point) are left out.
 *
 * @param median the median of the present values, NaN when there are none
 * @param spread 1.4826 × the median of |value − median|, 0 for a flat series, NaN when there are no values
 * @param points how many values were present
 */
record Baseline(double median, double spread, int points) {
    static final double MAD_TO_STDDEV = 1.4826;

    static Baseline of(double[] values) {
        double[] present = Arrays.stream(values).filter(value -> !Double.isNaN(value)).sorted().toArray();
        if (present.length == 0) {
            return new Baseline(Double.NaN, Double.NaN, 0);
        }
        double median = median(present);
        double[] deviations = new double[present.length];
        for (int i = 0; i < present.length; i++) {
            deviations[i] = Math.abs(present[i] - median);
        }
        Arrays.sort(deviations);
        return new Baseline(median, MAD_TO_STDDEV * median(deviations), present.length);
    }

    /** This baseline with its spread raised to at least {@code floor}. */
    Baseline withSpreadAtLeast(double floor) {
        return new Baseline(median, Math.max(spread, floor), points);
    }

    /** How many spreads a value lies from the median; infinite for any change of a flat series. */
    double zScore(double value) {
        double deviation = value - median;
        if (spread == 0) {
            return deviation == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, deviation);
        }
        return deviation / spread;
    }

    private static double median(double[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
