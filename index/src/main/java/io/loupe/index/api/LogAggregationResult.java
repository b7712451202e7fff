package io.loupe.index.api;

import java.util.List;

/**
 * What an aggregation found.
 *
 * @param matched  events that match the query in the range, whether or not they are in a group
 * @param groups   the groups in no particular order
 * @param exceeded which limit of the aggregation was reached, if any: the groups are then incomplete
 */
public record LogAggregationResult(long matched, List<Group> groups, Limit exceeded) {

    public LogAggregationResult {
        groups = List.copyOf(groups);
    }

    /** A limit of {@link LogAggregation} that stopped it. */
    public enum Limit {
        NONE,
        GROUPS,
        PERCENTILE_VALUES
    }

    /**
     * One group.
     *
     * @param keys        the group's value of each group field, in {@link LogAggregation#groupBy()} order
     * @param bucketStart start of its time bucket (epoch nanos), or 0 when the aggregation has no buckets
     * @param count       events in the group
     * @param values      one value per {@link LogAggregation#aggregates()}; NaN where the group has no
     *                    value to compute it from (the average of no numbers)
     * @param times       one per {@link LogAggregation#aggregates()}: where the aggregate
     *                    {@link LogAggregation.Aggregate#isTime() is a time}, its exact value in epoch nanos
     *                    ({@code values} has it rounded to a double, or NaN when there is none); 0 for the others
     */
    public record Group(List<String> keys, long bucketStart, long count, double[] values, long[] times) {

        /** A group of aggregates none of which is a time. */
        public Group(List<String> keys, long bucketStart, long count, double[] values) {
            this(keys, bucketStart, count, values, new long[values.length]);
        }
    }
}
