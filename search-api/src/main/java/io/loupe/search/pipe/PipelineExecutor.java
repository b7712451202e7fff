package io.loupe.search.pipe;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogAggregation;
import io.loupe.index.api.LogAggregationResult;
import io.loupe.index.api.LogSearch;
import io.loupe.index.api.LogStore;
import io.loupe.index.api.LoupeException;
import io.loupe.search.PipeConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;

/**
 * Runs a {@link PipelinePlan}: the aggregating stage through {@link LogStore#aggregate} (doc values;
 * stored events are never loaded), or, without one, the matching events as rows; then the row stages.
 * A limit reached answers {@link ErrorCode#QUERY_TOO_LARGE} naming the setting, never a partial table.
 * Thread-safe.
 */
public final class PipelineExecutor {
    private final LogStore store;
    private final PipeConfig config;

    public PipelineExecutor(LogStore store, PipeConfig config) {
        this.store = store;
        this.config = config;
    }

    /**
     * @param search the query, range and kinds (its limit caps the rows of a search over events
     *               without {@code head}; its page, histogram and facets are not used)
     */
    public PipeResult run(PipelinePlan plan, LogSearch search) {
        Query query = filtered(search.query(), plan.eventFilters());
        if (plan.overEvents()) {
            return new EventRows(store, config).run(plan, query, search);
        }
        AggregateRows rows = aggregate(plan, query, search);
        List<Map<String, Object>> result = RowStages.apply(plan.rowStages(), rows.rows());
        return new PipeResult(new Table(columns(plan, rows.types()), result), rows.matched());
    }

    private record AggregateRows(List<Map<String, Object>> rows, Map<String, Table.Column.Type> types, long matched) {
    }

    private AggregateRows aggregate(PipelinePlan plan, Query query, LogSearch search) {
        Map<String, Table.Column.Type> types = new LinkedHashMap<>();
        List<Stage.FieldRef> by = new ArrayList<>();
        List<Stage.AggregateSpec> specs;
        switch (plan.aggregating()) {
            case Stage.Stats stats -> {
                by.addAll(stats.by());
                specs = stats.aggregates();
            }
            case Stage.Timechart timechart -> {
                types.put("_time", Table.Column.Type.TIME);
                if (timechart.by() != null) {
                    by.add(timechart.by());
                }
                specs = timechart.aggregates();
            }
            case Stage.Top top -> {
                by.add(top.field());
                specs = List.of();
            }
            default -> throw new IllegalStateException("not an aggregating stage: " + plan.aggregating());
        }
        String stage = plan.aggregating().name();
        List<String> groupBy = by.stream().map(field -> PipeFieldNames.groupField(field, stage)).toList();
        List<LogAggregation.Aggregate> aggregates = specs.stream().map(spec -> spec.field() == null ? LogAggregation.Aggregate.count()
                : new LogAggregation.Aggregate(spec.function(), PipeFieldNames.aggregateField(spec.field(), stage, spec.function()),
                spec.percentile())).toList();
        LogAggregationResult result = store.aggregate(new LogAggregation(query, search.range(), search.kinds(), groupBy,
                plan.bucket(), aggregates, config.maxGroups(), config.maxPercentileValues()));
        checkLimits(result, stage, by);
        for (Stage.FieldRef field : by) {
            types.put(field.name(), Table.Column.Type.STRING);
        }
        for (Stage.AggregateSpec spec : specs) {
            types.put(spec.columnName(), spec.isTime() ? Table.Column.Type.TIME : Table.Column.Type.NUMBER);
        }
        List<Map<String, Object>> rows = switch (plan.aggregating()) {
            case Stage.Top top -> {
                types.put("count", Table.Column.Type.NUMBER);
                types.put("percent", Table.Column.Type.NUMBER);
                yield TopRows.of(top, result);
            }
            case Stage.Timechart timechart -> TimechartRows.of(timechart, plan.bucket(), search.range(), result, config.maxGroups());
            default -> statsRows(by, specs, result);
        };
        return new AggregateRows(rows, types, result.matched());
    }

    private static List<Map<String, Object>> statsRows(List<Stage.FieldRef> by, List<Stage.AggregateSpec> specs,
                                                       LogAggregationResult result) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<LogAggregationResult.Group> groups = new ArrayList<>(result.groups());
        groups.sort(GROUP_KEYS);
        for (LogAggregationResult.Group group : groups) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < by.size(); i++) {
                row.put(by.get(i).name(), group.keys().get(i));
            }
            putValues(row, specs, group);
            rows.add(row);
        }
        if (by.isEmpty() && rows.isEmpty()) {
            Map<String, Object> row = new LinkedHashMap<>();
            putValues(row, specs, null);
            rows.add(row);
        }
        return rows;
    }

    /**
     * The aggregate values of one row: counts as {@code Long}, times as {@code Long} epoch nanos (exact),
     * other numbers as {@code Double}; {@code group} null for a row of no events (counts 0, the rest missing).
     */
    static void putValues(Map<String, Object> row, List<Stage.AggregateSpec> specs, LogAggregationResult.Group group) {
        double[] values = group == null ? null : group.values();
        for (int i = 0; i < specs.size(); i++) {
            Stage.AggregateSpec spec = specs.get(i);
            boolean counting = spec.function() == LogAggregation.Function.COUNT || spec.function() == LogAggregation.Function.DISTINCT_COUNT;
            Object value;
            if (values == null || Double.isNaN(values[i])) {
                value = counting ? Long.valueOf(0) : null;
            } else if (spec.isTime()) {
                value = group.times()[i];
            } else if (counting) {
                value = (long) values[i]; // not in one ?: with the double below, which would promote it to a double
            } else {
                value = values[i];
            }
            row.put(spec.columnName(), value);
        }
    }

    /**
     * Groups by their keys in order, then by bucket: a total order for rows, so keys that are equal as
     * numbers but distinct as text ({@code 3} and {@code 3.0}, two groups) do not come in hash order.
     */
    static final Comparator<LogAggregationResult.Group> GROUP_KEYS = (a, b) -> {
        for (int i = 0; i < a.keys().size(); i++) {
            int c = RowStages.compareDistinct(a.keys().get(i), b.keys().get(i));
            if (c != 0) {
                return c;
            }
        }
        return Long.compare(a.bucketStart(), b.bucketStart());
    };

    private void checkLimits(LogAggregationResult result, String stage, List<Stage.FieldRef> by) {
        switch (result.exceeded()) {
            case GROUPS -> throw new LoupeException(ErrorCode.QUERY_TOO_LARGE, stage
                    + (by.isEmpty() ? "" : " by " + String.join(", ", by.stream().map(Stage.FieldRef::name).toList()))
                    + " makes more than " + config.maxGroups() + " groups (search.max_groups); narrow the query, group by fewer fields"
                    + " or use a wider interval");
            case PERCENTILE_VALUES -> throw new LoupeException(ErrorCode.QUERY_TOO_LARGE, "percentiles over more than "
                    + config.maxPercentileValues() + " values (search.max_percentile_values); narrow the query or the time range");
            case NONE -> {
            }
        }
    }

    private static List<Table.Column> columns(PipelinePlan plan, Map<String, Table.Column.Type> types) {
        return plan.columns().stream().map(name -> new Table.Column(name, types.getOrDefault(name, Table.Column.Type.STRING))).toList();
    }

    private static Query filtered(Query query, List<Stage.Comparison> filters) {
        if (filters.isEmpty()) {
            return query;
        }
        BooleanQuery.Builder builder = new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST);
        for (Stage.Comparison filter : filters) {
            builder.add(AttributeComparisonQuery.of(filter), BooleanClause.Occur.FILTER);
        }
        return builder.build();
    }
}
