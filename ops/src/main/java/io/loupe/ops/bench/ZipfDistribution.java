package io.loupe.ops.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A Zipf distribution over ranks {@code 0..n-1}: rank {@code k} has weight {@code 1/(k+1)^s}.
 * Sampling is a binary search in the precomputed cumulative weights. Immutable and thread-safe;
 * the randomness comes from the caller's generator, so sampling is deterministic for a seed.
 */
final class ZipfDistribution {
    private final double[] cumulative;

    ZipfDistribution(int n, double exponent) {
        if (n < 1) {
            throw new IllegalArgumentException("a Zipf distribution needs at least one rank, got " + n);
        }
        cumulative = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1.0 / Math.pow(k + 1, exponent);
            cumulative[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cumulative[k] /= sum;
        }
        cumulative[n - 1] = 1.0;
    }

    /** A rank, 0 being the most frequent. */
    int sample(SplittableRandom random) {
        int found = Arrays.binarySearch(cumulative, random.nextDouble());
        return found >= 0 ? found : -found - 1;
    }
}
