package io.loupe.index.log;

import io.loupe.index.api.IndexedFields;
import io.loupe.index.api.LogAggregation;
import io.loupe.index.api.LogAggregation.Aggregate;
import io.loupe.index.api.LogAggregationResult;
import io.loupe.index.api.LogFields;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.internal.hppc.LongIntHashMap;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/**
 * Computes a {@link LogAggregation} in one pass over the matching documents' doc values.
 *
 * <p>Per segment, each document's group is a composite of its group fields' dense codes
 * ({@link GroupFieldValues}) and its time bucket, folded into one long by mixed radix, and mapped to
 * a slot of the segment's {@link GroupStates} (through a plain array when the combinations are few,
 * a hash map otherwise). When the segment is done its groups are turned into values and merged into
 * the collector's groups; the segment's ordinals are never compared across segments. Not
 * thread-safe: one per search slice, combined with {@link #mergeFrom}.
 */
final class AggregationCollector implements Collector {
    /** Most composite keys mapped through a plain array per segment (4 bytes each). */
    private static final long DENSE_SLOTS = 1 << 16;

    private final LogAggregation aggregation;
    private final Function<LeafReaderContext, LogKind> kindOfSegment;
    private final long bucketStart;
    private final long interval;
    private final long bucketCount;
    private final Map<GroupKey, Integer> slots = new HashMap<>();
    private final List<GroupKey> keys = new ArrayList<>();
    private final GroupStates states;
    private long matched;
    private LogAggregationResult.Limit exceeded = LogAggregationResult.Limit.NONE;

    /** The values of one group: its group field values and its bucket start (0 without buckets). */
    record GroupKey(List<String> values, long bucketStart) {
    }

    AggregationCollector(LogAggregation aggregation, Function<LeafReaderContext, LogKind> kindOfSegment) {
        this.aggregation = aggregation;
        this.kindOfSegment = kindOfSegment;
        this.states = new GroupStates(aggregation.aggregates());
        if (aggregation.bucket() == null) {
            interval = 0;
            bucketStart = 0;
            bucketCount = 1;
        } else {
            interval = aggregation.bucket().toNanos();
            bucketStart = Math.floorDiv(aggregation.range().fromNanos(), interval) * interval;
            bucketCount = Math.floorDiv(aggregation.range().toNanos() - 1 - bucketStart, interval) + 1;
        }
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }

    LogAggregationResult result() {
        List<LogAggregationResult.Group> groups = new ArrayList<>(keys.size());
        int aggregates = aggregation.aggregates().size();
        for (int slot = 0; slot < keys.size(); slot++) {
            double[] values = new double[aggregates];
            long[] times = new long[aggregates];
            for (int a = 0; a < aggregates; a++) {
                values[a] = states.result(a, slot);
                times[a] = states.time(a, slot);
            }
            GroupKey key = keys.get(slot);
            groups.add(new LogAggregationResult.Group(key.values(), key.bucketStart(), states.events(slot), values, times));
        }
        return new LogAggregationResult(matched, groups, exceeded);
    }

    void mergeFrom(AggregationCollector other) {
        matched += other.matched;
        for (int slot = 0; slot < other.keys.size(); slot++) {
            merge(other.keys.get(slot), other.states, slot);
        }
        if (exceeded == LogAggregationResult.Limit.NONE) {
            exceeded = other.exceeded;
        }
    }

    private void merge(GroupKey key, GroupStates from, int fromSlot) {
        Integer slot = slots.get(key);
        if (slot == null) {
            if (keys.size() >= aggregation.maxGroups()) {
                exceeded = LogAggregationResult.Limit.GROUPS;
                return;
            }
            slot = states.newSlot();
            slots.put(key, slot);
            keys.add(key);
        }
        states.mergeSlot(slot, from, fromSlot);
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
        return new SegmentAggregation(context);
    }

    /** The groups of one segment. */
    private final class SegmentAggregation implements LeafCollector {
        private final String kind;
        private final GroupFieldValues[] fields;
        private final long[] strides;
        private final long bucketStride;
        private final NumericDocValues timestamps;
        private final TimeBucketCursor bucketCursor;
        private final AggregateFieldValues[] values;
        /** Per aggregate, whether it {@link Aggregate#isTime() is a time}. */
        private final boolean[] times;
        private final int[] denseSlots;
        private final LongIntHashMap sparseSlots;
        private final GroupStates segmentStates = new GroupStates(aggregation.aggregates());
        private final List<Long> slotKeys = new ArrayList<>();

        SegmentAggregation(LeafReaderContext context) throws IOException {
            List<String> groupBy = aggregation.groupBy();
            LogKind segmentKind = kindOfSegment.apply(context);
            kind = segmentKind == null ? null : segmentKind.wireName();
            fields = new GroupFieldValues[groupBy.size()];
            strides = new long[groupBy.size()];
            long combinations = 1;
            for (int f = 0; f < groupBy.size(); f++) {
                strides[f] = combinations;
                long radix = 1;
                if (!groupBy.get(f).equals(LogFields.KIND)) {
                    fields[f] = GroupFieldValues.of(context.reader(), groupBy.get(f));
                    radix = fields[f].radix();
                }
                combinations = multiply(combinations, radix);
            }
            bucketStride = combinations;
            combinations = multiply(combinations, bucketCount);
            timestamps = interval > 0 ? DocValues.getNumeric(context.reader(), IndexedFields.TIMESTAMP) : null;
            bucketCursor = interval > 0 ? new TimeBucketCursor(bucketStart, interval, bucketCount) : null;
            values = new AggregateFieldValues[aggregation.aggregates().size()];
            times = new boolean[values.length];
            for (int a = 0; a < values.length; a++) {
                Aggregate aggregate = aggregation.aggregates().get(a);
                times[a] = aggregate.isTime();
                if (aggregate.field() != null) {
                    values[a] = AggregateFieldValues.of(context.reader(), aggregate.field());
                }
            }
            if (combinations <= DENSE_SLOTS) {
                denseSlots = new int[(int) combinations];
                Arrays.fill(denseSlots, -1);
                sparseSlots = null;
            } else {
                denseSlots = null;
                sparseSlots = new LongIntHashMap();
            }
        }

        private long multiply(long combinations, long radix) {
            try {
                return Math.multiplyExact(combinations, radix);
            } catch (ArithmeticException e) {
                throw new LoupeException(ErrorCode.QUERY_TOO_LARGE, "grouping by " + String.join(", ", aggregation.groupBy())
                        + " has too many possible value combinations in one segment to count; group by fewer numeric fields");
            }
        }

        @Override
        public void setScorer(Scorable scorer) {
        }

        @Override
        public void collect(int doc) throws IOException {
            matched++;
            long key = 0;
            for (int f = 0; f < fields.length; f++) {
                if (fields[f] == null) {
                    if (kind == null) {
                        return;
                    }
                    continue;
                }
                long code = fields[f].code(doc);
                if (code < 0) {
                    return;
                }
                key += code * strides[f];
            }
            if (timestamps != null) {
                if (!timestamps.advanceExact(doc)) {
                    return;
                }
                long bucket = bucketCursor.bucketOf(timestamps.longValue());
                if (bucket < 0) {
                    return;
                }
                key += bucket * bucketStride;
            }
            int slot = slotOf(key);
            if (slot < 0) {
                return;
            }
            segmentStates.addEvent(slot);
            for (int a = 0; a < values.length; a++) {
                AggregateFieldValues field = values[a];
                if (field == null) {
                    continue;
                }
                switch (aggregation.aggregates().get(a).function()) {
                    case COUNT -> {
                        if (field.present(doc)) {
                            segmentStates.addPresent(a, slot);
                        }
                    }
                    case DISTINCT_COUNT -> {
                        long hash = field.valueHash(doc);
                        if (hash != 0) {
                            segmentStates.addDistinct(a, slot, hash);
                        }
                    }
                    case PERCENTILE -> {
                        if (field.advanceToNumber(doc)) {
                            if (states.valuesKept() + segmentStates.valuesKept() >= aggregation.maxValues()) {
                                exceeded = LogAggregationResult.Limit.PERCENTILE_VALUES;
                            } else {
                                addNumber(a, slot, field);
                            }
                        }
                    }
                    default -> {
                        if (field.advanceToNumber(doc)) {
                            addNumber(a, slot, field);
                        }
                    }
                }
            }
        }

        /** The number {@code field} found, as the exact timestamp for an aggregate that is a time. */
        private void addNumber(int aggregate, int slot, AggregateFieldValues field) {
            if (times[aggregate]) {
                segmentStates.addTime(aggregate, slot, field.time());
            } else {
                segmentStates.addNumber(aggregate, slot, field.number());
            }
        }

        private int slotOf(long key) {
            if (denseSlots != null) {
                int slot = denseSlots[(int) key];
                if (slot < 0) {
                    slot = newSlot(key);
                    denseSlots[(int) key] = slot;
                }
                return slot;
            }
            int index = sparseSlots.indexOf(key);
            if (index >= 0) {
                return sparseSlots.indexGet(index);
            }
            int slot = newSlot(key);
            sparseSlots.indexInsert(index, key, slot);
            return slot;
        }

        private int newSlot(long key) {
            if (segmentStates.size() >= aggregation.maxGroups()) {
                exceeded = LogAggregationResult.Limit.GROUPS;
                return Integer.MIN_VALUE;
            }
            slotKeys.add(key);
            return segmentStates.newSlot();
        }

        @Override
        public void finish() throws IOException {
            for (int slot = 0; slot < slotKeys.size(); slot++) {
                long key = slotKeys.get(slot);
                List<String> groupValues = new ArrayList<>(fields.length);
                for (int f = 0; f < fields.length; f++) {
                    if (fields[f] == null) {
                        groupValues.add(kind);
                    } else {
                        groupValues.add(fields[f].text((key / strides[f]) % fields[f].radix()));
                    }
                }
                long bucket = interval > 0 ? (key / bucketStride) % bucketCount : 0;
                merge(new GroupKey(groupValues, interval > 0 ? bucketStart + bucket * interval : 0), segmentStates, slot);
            }
        }
    }
}
