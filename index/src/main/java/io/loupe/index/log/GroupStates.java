package io.loupe.index.log;

import io.loupe.index.api.LogAggregation.Aggregate;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.internal.hppc.LongHashSet;

/**
 * The accumulators of every group of one aggregation, stored column by column and indexed by a dense
 * slot number: events per slot, and per aggregate the numbers, minimum, maximum and sum seen, the
 * kept values (percentiles) or the value hashes (distinct counts). Not thread-safe.
 */
final class GroupStates {
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
        for (int a = 0; a < n; a++) {
            seen[a] = new long[16];
            switch (aggregates.get(a).function()) {
                case SUM, AVG -> sums[a] = new double[16];
                case MIN -> mins[a] = new double[16];
                case MAX -> maxs[a] = new double[16];
                case PERCENTILE -> {
                    kept[a] = new double[16][];
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
                if (sums[a] != null) {
                    sums[a] = Arrays.copyOf(sums[a], capacity);
                }
                if (mins[a] != null) {
                    mins[a] = Arrays.copyOf(mins[a], capacity);
                }
                if (maxs[a] != null) {
                    maxs[a] = Arrays.copyOf(maxs[a], capacity);
                }
                if (kept[a] != null) {
                    kept[a] = Arrays.copyOf(kept[a], capacity);
                    keptCounts[a] = Arrays.copyOf(keptCounts[a], capacity);
                }
                if (distinct[a] != null) {
                    distinct[a] = Arrays.copyOf(distinct[a], capacity);
                }
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
        }
        return slot;
    }

    void addEvent(int slot) {
        events[slot]++;
    }

    /** A value is present for a {@code COUNT(field)} aggregate. */
    void addPresent(int aggregate, int slot) {
        seen[aggregate][slot]++;
    }

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

    private static double nearestRank(double[] values, int count, double percentile) {
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * count);
        return sorted[Math.max(rank, 1) - 1];
    }
}
