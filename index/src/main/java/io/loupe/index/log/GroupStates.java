package io.loupe.index.log;

import io.loupe.index.api.LogAggregation.Aggregate;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.internal.hppc.LongHashSet;

/**
 * The accumulators of every group of one aggregation, stored column by column and indexed by a dense
 * slot number: events per slot, and per aggregate the numbers, minimum, maximum and sum seen, the
 * kept values (percentiles) or the value hashes (distinct counts). An aggregate that
 * {@link Aggregate#isTime() is a time} keeps longs instead of doubles (its sum in 128 bits), so its
 * result is the exact epoch nanos. Not thread-safe.
 */
final class GroupStates {
    private static final BigInteger UNSIGNED_LONG_MASK = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final List<Aggregate> aggregates;
    private int slots;
    private long[] events = new long[16];
    private final long[][] seen;
    private final double[][] sums;
    private final double[][] mins;
    private final double[][] maxs;
    private final double[][][] kept;
    private final int[][] keptCounts;
    private final LongHashSet[][] distinct;
    private final long[][] timeMins;
    private final long[][] timeMaxs;
    private final long[][][] keptTimes;
    /** The sum of the times of an average, as a 128-bit two's complement number: high and low 64 bits. */
    private final long[][] timeSumHighs;
    private final long[][] timeSumLows;
    private long valuesKept;

    GroupStates(List<Aggregate> aggregates) {
        this.aggregates = aggregates;
        int n = aggregates.size();
        seen = new long[n][];
        sums = new double[n][];
        mins = new double[n][];
        maxs = new double[n][];
        kept = new double[n][][];
        keptCounts = new int[n][];
        distinct = new LongHashSet[n][];
        timeMins = new long[n][];
        timeMaxs = new long[n][];
        keptTimes = new long[n][][];
        timeSumHighs = new long[n][];
        timeSumLows = new long[n][];
        for (int a = 0; a < n; a++) {
            seen[a] = new long[16];
            boolean time = aggregates.get(a).isTime();
            switch (aggregates.get(a).function()) {
                case SUM -> sums[a] = new double[16];
                case AVG -> {
                    if (time) {
                        timeSumHighs[a] = new long[16];
                        timeSumLows[a] = new long[16];
                    } else {
                        sums[a] = new double[16];
                    }
                }
                case MIN -> {
                    if (time) {
                        timeMins[a] = new long[16];
                    } else {
                        mins[a] = new double[16];
                    }
                }
                case MAX -> {
                    if (time) {
                        timeMaxs[a] = new long[16];
                    } else {
                        maxs[a] = new double[16];
                    }
                }
                case PERCENTILE -> {
                    if (time) {
                        keptTimes[a] = new long[16][];
                    } else {
                        kept[a] = new double[16][];
                    }
                    keptCounts[a] = new int[16];
                }
                case DISTINCT_COUNT -> distinct[a] = new LongHashSet[16];
                case COUNT -> {
                }
            }
        }
    }

    int size() {
        return slots;
    }

    /** Numbers kept for percentiles over all slots. */
    long valuesKept() {
        return valuesKept;
    }

    int newSlot() {
        if (slots == events.length) {
            int capacity = slots * 2;
            events = Arrays.copyOf(events, capacity);
            for (int a = 0; a < aggregates.size(); a++) {
                seen[a] = Arrays.copyOf(seen[a], capacity);
                sums[a] = grow(sums[a], capacity);
                mins[a] = grow(mins[a], capacity);
                maxs[a] = grow(maxs[a], capacity);
                kept[a] = grow(kept[a], capacity);
                keptCounts[a] = keptCounts[a] == null ? null : Arrays.copyOf(keptCounts[a], capacity);
                distinct[a] = grow(distinct[a], capacity);
                timeMins[a] = grow(timeMins[a], capacity);
                timeMaxs[a] = grow(timeMaxs[a], capacity);
                keptTimes[a] = grow(keptTimes[a], capacity);
                timeSumHighs[a] = grow(timeSumHighs[a], capacity);
                timeSumLows[a] = grow(timeSumLows[a], capacity);
            }
        }
        int slot = slots++;
        for (int a = 0; a < aggregates.size(); a++) {
            if (mins[a] != null) {
                mins[a][slot] = Double.POSITIVE_INFINITY;
            }
            if (maxs[a] != null) {
                maxs[a][slot] = Double.NEGATIVE_INFINITY;
            }
            if (timeMins[a] != null) {
                timeMins[a][slot] = Long.MAX_VALUE;
            }
            if (timeMaxs[a] != null) {
                timeMaxs[a][slot] = Long.MIN_VALUE;
            }
        }
        return slot;
    }

    private static double[] grow(double[] values, int capacity) {
        return values == null ? null : Arrays.copyOf(values, capacity);
    }

    private static long[] grow(long[] values, int capacity) {
        return values == null ? null : Arrays.copyOf(values, capacity);
    }

    private static <T> T[] grow(T[] values, int capacity) {
        return values == null ? null : Arrays.copyOf(values, capacity);
    }

    void addEvent(int slot) {
        events[slot]++;
    }

    /** A value is present for a {@code COUNT(field)} aggregate. */
    void addPresent(int aggregate, int slot) {
        seen[aggregate][slot]++;
    }

    /** A number for an aggregate that is not a time. */
    void addNumber(int aggregate, int slot, double value) {
        seen[aggregate][slot]++;
        switch (aggregates.get(aggregate).function()) {
            case SUM, AVG -> sums[aggregate][slot] += value;
            case MIN -> mins[aggregate][slot] = Math.min(mins[aggregate][slot], value);
            case MAX -> maxs[aggregate][slot] = Math.max(maxs[aggregate][slot], value);
            case PERCENTILE -> keep(aggregate, slot, value);
            default -> throw new IllegalStateException(aggregates.get(aggregate) + " takes no numbers");
        }
    }

    /** A timestamp (epoch nanos) for an aggregate that {@link Aggregate#isTime() is a time}. */
    void addTime(int aggregate, int slot, long nanos) {
        seen[aggregate][slot]++;
        switch (aggregates.get(aggregate).function()) {
            case AVG -> addToTimeSum(aggregate, slot, nanos >> 63, nanos);
            case MIN -> timeMins[aggregate][slot] = Math.min(timeMins[aggregate][slot], nanos);
            case MAX -> timeMaxs[aggregate][slot] = Math.max(timeMaxs[aggregate][slot], nanos);
            case PERCENTILE -> keepTime(aggregate, slot, nanos);
            default -> throw new IllegalStateException(aggregates.get(aggregate) + " takes no times");
        }
    }

    /** Adds a 128-bit number, given as its high and low 64 bits, to the slot's sum of times. */
    private void addToTimeSum(int aggregate, int slot, long high, long low) {
        long before = timeSumLows[aggregate][slot];
        long after = before + low;
        timeSumLows[aggregate][slot] = after;
        timeSumHighs[aggregate][slot] += high + (Long.compareUnsigned(after, before) < 0 ? 1 : 0);
    }

    void addDistinct(int aggregate, int slot, long hash) {
        LongHashSet set = distinct[aggregate][slot];
        if (set == null) {
            set = new LongHashSet();
            distinct[aggregate][slot] = set;
        }
        set.add(hash);
    }

    private void keep(int aggregate, int slot, double value) {
        double[] values = kept[aggregate][slot];
        int count = keptCounts[aggregate][slot];
        if (values == null) {
            values = new double[8];
        } else if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count] = value;
        kept[aggregate][slot] = values;
        keptCounts[aggregate][slot] = count + 1;
        valuesKept++;
    }

    private void keepTime(int aggregate, int slot, long nanos) {
        long[] values = keptTimes[aggregate][slot];
        int count = keptCounts[aggregate][slot];
        if (values == null) {
            values = new long[8];
        } else if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count] = nanos;
        keptTimes[aggregate][slot] = values;
        keptCounts[aggregate][slot] = count + 1;
        valuesKept++;
    }

    /** Adds the state of {@code from}'s slot (of the same aggregation) to this one's. */
    void mergeSlot(int slot, GroupStates from, int fromSlot) {
        events[slot] += from.events[fromSlot];
        for (int a = 0; a < aggregates.size(); a++) {
            seen[a][slot] += from.seen[a][fromSlot];
            if (sums[a] != null) {
                sums[a][slot] += from.sums[a][fromSlot];
            }
            if (mins[a] != null) {
                mins[a][slot] = Math.min(mins[a][slot], from.mins[a][fromSlot]);
            }
            if (maxs[a] != null) {
                maxs[a][slot] = Math.max(maxs[a][slot], from.maxs[a][fromSlot]);
            }
            if (kept[a] != null) {
                for (int i = 0; i < from.keptCounts[a][fromSlot]; i++) {
                    keep(a, slot, from.kept[a][fromSlot][i]);
                }
            }
            if (timeMins[a] != null) {
                timeMins[a][slot] = Math.min(timeMins[a][slot], from.timeMins[a][fromSlot]);
            }
            if (timeMaxs[a] != null) {
                timeMaxs[a][slot] = Math.max(timeMaxs[a][slot], from.timeMaxs[a][fromSlot]);
            }
            if (keptTimes[a] != null) {
                for (int i = 0; i < from.keptCounts[a][fromSlot]; i++) {
                    keepTime(a, slot, from.keptTimes[a][fromSlot][i]);
                }
            }
            if (timeSumLows[a] != null) {
                addToTimeSum(a, slot, from.timeSumHighs[a][fromSlot], from.timeSumLows[a][fromSlot]);
            }
            if (distinct[a] != null && from.distinct[a][fromSlot] != null) {
                if (distinct[a][slot] == null) {
                    distinct[a][slot] = new LongHashSet();
                }
                distinct[a][slot].addAll(from.distinct[a][fromSlot]);
            }
        }
    }

    long events(int slot) {
        return events[slot];
    }

    /** The aggregate's value for the slot; NaN when it has no number to be computed from. */
    double result(int aggregate, int slot) {
        Aggregate spec = aggregates.get(aggregate);
        long n = seen[aggregate][slot];
        if (spec.isTime()) {
            return n == 0 ? Double.NaN : time(aggregate, slot);
        }
        return switch (spec.function()) {
            case COUNT -> spec.field() == null ? events[slot] : n;
            case DISTINCT_COUNT -> distinct[aggregate][slot] == null ? 0 : distinct[aggregate][slot].size();
            case SUM -> n == 0 ? Double.NaN : sums[aggregate][slot];
            case AVG -> n == 0 ? Double.NaN : sums[aggregate][slot] / n;
            case MIN -> n == 0 ? Double.NaN : mins[aggregate][slot];
            case MAX -> n == 0 ? Double.NaN : maxs[aggregate][slot];
            case PERCENTILE -> n == 0 ? Double.NaN : nearestRank(kept[aggregate][slot], keptCounts[aggregate][slot], spec.percentile());
        };
    }

    /**
     * The exact value, in epoch nanos, of an aggregate that {@link Aggregate#isTime() is a time}, for a
     * slot with at least one timestamp (else 0); an average is rounded down to a whole nanosecond.
     */
    long time(int aggregate, int slot) {
        Aggregate spec = aggregates.get(aggregate);
        long n = seen[aggregate][slot];
        if (!spec.isTime() || n == 0) {
            return 0;
        }
        return switch (spec.function()) {
            case MIN -> timeMins[aggregate][slot];
            case MAX -> timeMaxs[aggregate][slot];
            case AVG -> floorMean(timeSumHighs[aggregate][slot], timeSumLows[aggregate][slot], n);
            case PERCENTILE -> nearestRank(keptTimes[aggregate][slot], keptCounts[aggregate][slot], spec.percentile());
            default -> throw new IllegalStateException(spec + " is not a time");
        };
    }

    /** A 128-bit sum (high and low 64 bits) divided by n, rounded down; the mean of longs fits a long. */
    private static long floorMean(long high, long low, long n) {
        if (high == low >> 63) {
            return Math.floorDiv(low, n); // the sum fits in a long
        }
        BigInteger sum = BigInteger.valueOf(high).shiftLeft(64).or(BigInteger.valueOf(low).and(UNSIGNED_LONG_MASK));
        BigInteger[] quotientAndRemainder = sum.divideAndRemainder(BigInteger.valueOf(n));
        BigInteger mean = quotientAndRemainder[1].signum() < 0 ? quotientAndRemainder[0].subtract(BigInteger.ONE) : quotientAndRemainder[0];
        return mean.longValueExact();
    }

    private static double nearestRank(double[] values, int count, double percentile) {
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return sorted[rank(count, percentile) - 1];
    }

    private static long nearestRank(long[] values, int count, double percentile) {
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return sorted[rank(count, percentile) - 1];
    }

    /** The 1-based nearest rank: the smallest with at least {@code percentile}% of {@code count} values at or below it. */
    private static int rank(int count, double percentile) {
        return Math.max((int) Math.ceil(percentile / 100.0 * count), 1);
    }
}
