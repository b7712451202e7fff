package io.loupe.search.metric;

import java.util.Arrays;

/**
 * The q-quantile of a bucket's values by linear interpolation between closest ranks (the method of
 * PromQL's {@code quantile_over_time}): sort the n values, take the rank {@code h = q·(n−1)}, and
 * answer {@code v[⌊h⌋] + (h − ⌊h⌋)·(v[⌊h⌋+1] − v[⌊h⌋])}. One value is its own quantile. NaN sorts
 * above +Inf.
 */
final class Quantiles {
    private Quantiles() {
    }

    /** The q-quantile of the first {@code n > 0} entries of {@code values} (not modified). */
    static double of(double[] values, int n, double q) {
        double[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        double rank = q * (n - 1);
        int lower = (int) Math.floor(rank);
        int upper = Math.min(lower + 1, n - 1);
        double fraction = rank - lower;
        if (fraction == 0) {
            return sorted[lower];
        }
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower]);
    }
}
