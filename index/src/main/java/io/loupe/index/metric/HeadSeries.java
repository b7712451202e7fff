package io.loupe.index.metric;

import java.util.Arrays;

/**
 * The open samples of one series in one head block: parallel arrays sorted by timestamp, at most one
 * sample per timestamp (a later write of the same timestamp replaces the value). Appending in time
 * order is O(1); an out-of-order sample is inserted in place. Thread-safe (synchronized).
 */
final class HeadSeries {
    private long[] timestamps = new long[16];
    private double[] values = new double[16];
    private int size;

    synchronized void add(long timestamp, double value) {
        if (size == 0 || timestamp > timestamps[size - 1]) {
            ensureCapacity();
            timestamps[size] = timestamp;
            values[size] = value;
            size++;
            return;
        }
        int position = Arrays.binarySearch(timestamps, 0, size, timestamp);
        if (position >= 0) {
            values[position] = value;
            return;
        }
        int insertAt = -position - 1;
        ensureCapacity();
        System.arraycopy(timestamps, insertAt, timestamps, insertAt + 1, size - insertAt);
        System.arraycopy(values, insertAt, values, insertAt + 1, size - insertAt);
        timestamps[insertAt] = timestamp;
        values[insertAt] = value;
        size++;
    }

    private void ensureCapacity() {
        if (size == timestamps.length) {
            int capacity = size * 2;
            timestamps = Arrays.copyOf(timestamps, capacity);
            values = Arrays.copyOf(values, capacity);
        }
    }

    /** A copy of the samples in {@code [from, to]}. */
    synchronized SampleArrays copy(long from, long to) {
        int start = lowerBound(from);
        int end = to == Long.MAX_VALUE ? size : lowerBound(to + 1);
        return new SampleArrays(Arrays.copyOfRange(timestamps, start, end), Arrays.copyOfRange(values, start, end), end - start);
    }

    synchronized SampleArrays copyAll() {
        return new SampleArrays(Arrays.copyOf(timestamps, size), Arrays.copyOf(values, size), size);
    }

    synchronized boolean hasSamplesIn(long from, long to) {
        int start = lowerBound(from);
        return start < size && timestamps[start] <= to;
    }

    private int lowerBound(long timestamp) {
        int position = Arrays.binarySearch(timestamps, 0, size, timestamp);
        return position >= 0 ? position : -position - 1;
    }
}
