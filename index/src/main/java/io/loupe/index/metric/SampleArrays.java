package io.loupe.index.metric;

import io.loupe.index.metric.codec.SeriesColumns;

/** Samples of one series as parallel arrays, ascending by time; only the first {@code count} are used. */
record SampleArrays(long[] timestamps, double[] values, int count) {
    static final SampleArrays EMPTY = new SampleArrays(new long[0], new double[0], 0);

    /** The raw samples of a segment's series (its one value column). */
    static SampleArrays of(SeriesColumns columns) {
        return new SampleArrays(columns.timestamps(), columns.columns()[0], columns.count());
    }

    /** The samples in {@code [from, to]}. */
    SampleArrays slice(long from, long to) {
        int start = 0;
        while (start < count && timestamps[start] < from) {
            start++;
        }
        int end = start;
        while (end < count && timestamps[end] <= to) {
            end++;
        }
        if (start == 0 && end == count) {
            return this;
        }
        long[] slicedTimestamps = new long[end - start];
        double[] slicedValues = new double[end - start];
        System.arraycopy(timestamps, start, slicedTimestamps, 0, end - start);
        System.arraycopy(values, start, slicedValues, 0, end - start);
        return new SampleArrays(slicedTimestamps, slicedValues, end - start);
    }
}
