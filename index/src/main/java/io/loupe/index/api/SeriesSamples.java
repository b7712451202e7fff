package io.loupe.index.api;

/**
 * Raw samples of one series, ascending by time, no two with the same timestamp. The arrays may be
 * longer than {@code count}; only the first {@code count} entries are samples.
 */
public record SeriesSamples(SeriesRef series, long[] timestamps, double[] values, int count) {
    public static SeriesSamples empty(SeriesRef series) {
        return new SeriesSamples(series, new long[0], new double[0], 0);
    }
}
