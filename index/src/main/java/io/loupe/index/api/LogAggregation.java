package io.loupe.index.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.search.Query;

/**
 * A grouped aggregation over the matching events, computed from doc values (stored events are never
 * loaded). Events are grouped by the values of {@code groupBy} and, when {@code bucket} is set, by
 * time bucket; an event without a value for one of the group fields is in no group (it still counts
 * in {@link LogAggregationResult#matched()}).
 *
 * <p>Field names are as in queries and facets: a first-class keyword ({@code host}, {@code level},
 * ...; not the lookup-only ids of {@link IndexedFields#LOOKUP_ONLY}), {@code attributes.K} for an
 * attribute, or {@code timestamp} (numeric functions only, in epoch nanos; see {@link Aggregate#isTime()}).
 * An attribute groups by its text, whole and decimal numbers by their decimal text, as facets count them.
 *
 * @param query       the parsed query (without the time range: the store adds it)
 * @param range       the event-time range; only partitions that overlap it are opened
 * @param kinds       the kinds to aggregate over
 * @param groupBy     the group fields, in order; empty for one group of all matching events
 * @param bucket      the width of time buckets, or null for none; buckets start at multiples of it
 * @param aggregates  what to compute per group
 * @param maxGroups   most groups to build; beyond it the result says {@link LogAggregationResult.Limit#GROUPS}
 * @param maxValues   most numeric values kept for percentiles over all groups; beyond it the result
 *                    says {@link LogAggregationResult.Limit#PERCENTILE_VALUES}
 */
public record LogAggregation(Query query, TimeRange range, Set<LogKind> kinds, List<String> groupBy,
                             Duration bucket, List<Aggregate> aggregates, int maxGroups, long maxValues) {

    public LogAggregation {
        Objects.requireNonNull(query, "query");
        kinds = Set.copyOf(kinds);
        groupBy = List.copyOf(groupBy);
        aggregates = List.copyOf(aggregates);
    }

    /** What an aggregate computes. */
    public enum Function {
        /** events in the group, or with {@code field} set when a field is given */
        COUNT,
        SUM,
        MIN,
        MAX,
        AVG,
        /** the nearest-rank percentile: the smallest value with at least {@code percentile}% of values at or below it */
        PERCENTILE,
        /** distinct values of a keyword, attribute or number */
        DISTINCT_COUNT
    }

    /**
     * One aggregate of a group.
     *
     * @param function   what to compute
     * @param field      the field it reads; null only for {@code COUNT} of events
     * @param percentile 0 &lt; p &le; 100 for {@link Function#PERCENTILE}, else 0
     */
    public record Aggregate(Function function, String field, double percentile) {
        public Aggregate {
            Objects.requireNonNull(function, "function");
            if (field == null && function != Function.COUNT) {
                throw new IllegalArgumentException(function + " needs a field");
            }
            if (function == Function.PERCENTILE && !(percentile > 0 && percentile <= 100)) {
                throw new IllegalArgumentException("percentile must be in (0, 100], got " + percentile);
            }
        }

        /**
         * True when the value is a point in time: the minimum, maximum, average or a percentile of
         * {@code timestamp}. Such a value is computed from the exact epoch nanos, never through a double,
         * and is in {@link LogAggregationResult.Group#times()} (the average rounded down to a whole
         * nanosecond). The sum of {@code timestamp} is not a time (and is a double).
         */
        public boolean isTime() {
            return LogFields.TIMESTAMP.equals(field) && switch (function) {
                case MIN, MAX, AVG, PERCENTILE -> true;
                case COUNT, SUM, DISTINCT_COUNT -> false;
            };
        }

        public static Aggregate count() {
            return new Aggregate(Function.COUNT, null, 0);
        }

        public static Aggregate of(Function function, String field) {
            return new Aggregate(function, field, 0);
        }

        public static Aggregate percentile(String field, double percentile) {
            return new Aggregate(Function.PERCENTILE, field, percentile);
        }
    }
}
