package io.loupe.search.pipe;

import io.loupe.index.api.LogFields;
import io.loupe.index.api.LoupeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks parsed stages and orders them into a {@link PipelinePlan}: at most one aggregating stage,
 * right after the query (and any {@code where} on events); every column a later stage names must be
 * one the stages before it produce. Rows that are events have every event field as a column
 * ({@code _time}, {@code id}, {@code kind}, the keyword fields, {@code message}, attributes by key).
 * A {@code where} on the rows that names a time column ({@code _time}, or an aggregate of
 * {@code timestamp} that is a time) compares its number as epoch milliseconds.
 */
public final class PipelinePlanner {

    private PipelinePlanner() {
    }

    /**
     * @param intervals reads a timechart interval, throwing a {@link LoupeException} that says what is wrong with it
     */
    public static PipelinePlan plan(List<PipeSplitter.StageText> texts, Function<String, Duration> intervals) {
        List<Stage> stages = PipeParser.parse(texts);
        List<Stage.Comparison> filters = new ArrayList<>();
        int i = 0;
        while (i < stages.size() && stages.get(i) instanceof Stage.Where where) {
            filters.addAll(eventComparisons(where));
            i++;
        }
        Stage aggregating = null;
        Duration bucket = null;
        List<String> columns = null;
        Set<String> timeColumns = Set.of("_time");
        if (i < stages.size() && isAggregating(stages.get(i))) {
            aggregating = stages.get(i++);
            columns = aggregateColumns(aggregating);
            timeColumns = timeColumns(aggregating);
            if (aggregating instanceof Stage.Timechart timechart) {
                bucket = interval(timechart, intervals);
            }
        }
        List<Stage> rowStages = new ArrayList<>();
        boolean headSeen = false;
        for (; i < stages.size(); i++) {
            Stage stage = stages.get(i);
            if (isAggregating(stage)) {
                throw PipeParser.error(stage.column(), stage.name() + " must come right after the query (one of stats, timechart, top, rare per search)"
                        + (aggregating == null ? ", before " + stages.get(i - 1).name() : "; this search already has " + aggregating.name()));
            }
            switch (stage) {
                case Stage.Where where -> {
                    for (Stage.Comparison condition : where.conditions()) {
                        check(condition.field(), columns, "where", aggregating == null);
                    }
                    if (aggregating == null && !headSeen) {
                        filters.addAll(eventComparisons(where));
                    } else {
                        rowStages.add(onTime((Stage.Where) eventKeys(where, aggregating == null), timeColumns));
                    }
                }
                case Stage.Sort sort -> {
                    for (Stage.SortKey key : sort.keys()) {
                        check(key.field(), columns, "sort", aggregating == null);
                    }
                    rowStages.add(eventKeys(sort, aggregating == null));
                }
                case Stage.Fields fields -> {
                    Set<String> kept = new LinkedHashSet<>();
                    for (Stage.FieldRef field : fields.fields()) {
                        check(field, columns, "fields", aggregating == null);
                        kept.add(aggregating == null ? eventKey(field.name()) : field.name());
                    }
                    columns = List.copyOf(kept);
                    rowStages.add(fields);
                }
                case Stage.Head head -> {
                    headSeen = true;
                    rowStages.add(head);
                }
                default -> throw new IllegalStateException("unexpected stage " + stage);
            }
        }
        return new PipelinePlan(filters, aggregating, bucket, rowStages, columns == null ? PipeFieldNames.DEFAULT_EVENT_COLUMNS : columns);
    }

    /** The name an event row keeps a field under: attributes by bare key, {@code timestamp} as {@code _time}. */
    static String eventKey(String name) {
        if (name.equals(LogFields.TIMESTAMP)) {
            return "_time";
        }
        return name.startsWith(LogFields.ATTRIBUTE_PREFIX) ? name.substring(LogFields.ATTRIBUTE_PREFIX.length()) : name;
    }

    /** The columns of an aggregating stage whose values are times: the timechart's buckets, and aggregates that are times. */
    private static Set<String> timeColumns(Stage aggregating) {
        Set<String> columns = new LinkedHashSet<>();
        List<Stage.AggregateSpec> aggregates = switch (aggregating) {
            case Stage.Stats stats -> stats.aggregates();
            case Stage.Timechart timechart -> {
                columns.add("_time");
                yield timechart.aggregates();
            }
            default -> List.of();
        };
        for (Stage.AggregateSpec aggregate : aggregates) {
            if (aggregate.isTime()) {
                columns.add(aggregate.columnName());
            }
        }
        return columns;
    }

    /** The where with each comparison on a time column marked, so it reads its number as epoch milliseconds. */
    private static Stage.Where onTime(Stage.Where where, Set<String> timeColumns) {
        return new Stage.Where(where.conditions().stream().map(c -> new Stage.Comparison(c.field(), c.operator(), c.value(),
                timeColumns.contains(c.field().name()))).toList(), where.column());
    }

    private static boolean isAggregating(Stage stage) {
        return stage instanceof Stage.Stats || stage instanceof Stage.Timechart || stage instanceof Stage.Top;
    }

    private static List<Stage.Comparison> eventComparisons(Stage.Where where) {
        List<Stage.Comparison> comparisons = new ArrayList<>();
        for (Stage.Comparison condition : where.conditions()) {
            Stage.FieldRef key = new Stage.FieldRef(PipeFieldNames.numericAttribute(condition.field()), condition.field().column());
            comparisons.add(new Stage.Comparison(key, condition.operator(), condition.value()));
        }
        return comparisons;
    }

    private static Stage eventKeys(Stage stage, boolean overEvents) {
        if (!overEvents) {
            return stage;
        }
        return switch (stage) {
            case Stage.Where where -> new Stage.Where(where.conditions().stream().map(c -> new Stage.Comparison(
                    new Stage.FieldRef(eventKey(c.field().name()), c.field().column()), c.operator(), c.value())).toList(), where.column());
            case Stage.Sort sort -> new Stage.Sort(sort.keys().stream().map(k -> new Stage.SortKey(
                    new Stage.FieldRef(eventKey(k.field().name()), k.field().column()), k.descending())).toList(), sort.column());
            default -> stage;
        };
    }

    private static void check(Stage.FieldRef field, List<String> columns, String stage, boolean overEvents) {
        if (columns != null && !columns.contains(overEvents ? eventKey(field.name()) : field.name())) {
            throw PipeParser.error(field.column(), stage + " names '" + field.name() + "', which is not a column here; the columns are: "
                    + String.join(", ", columns));
        }
    }

    private static List<String> aggregateColumns(Stage stage) {
        List<String> columns = new ArrayList<>();
        List<Stage.AggregateSpec> aggregates = List.of();
        switch (stage) {
            case Stage.Stats stats -> {
                for (Stage.FieldRef by : stats.by()) {
                    PipeFieldNames.groupField(by, "stats");
                    add(columns, by.name(), by.column());
                }
                aggregates = stats.aggregates();
            }
            case Stage.Timechart timechart -> {
                columns.add("_time");
                if (timechart.by() != null) {
                    PipeFieldNames.groupField(timechart.by(), "timechart");
                    add(columns, timechart.by().name(), timechart.by().column());
                }
                aggregates = timechart.aggregates();
            }
            case Stage.Top top -> {
                PipeFieldNames.groupField(top.field(), top.name());
                add(columns, top.field().name(), top.field().column());
                add(columns, "count", top.field().column());
                add(columns, "percent", top.field().column());
            }
            default -> throw new IllegalStateException("not an aggregating stage: " + stage);
        }
        for (Stage.AggregateSpec aggregate : aggregates) {
            if (aggregate.field() != null) {
                PipeFieldNames.aggregateField(aggregate.field(), stage.name(), aggregate.function());
            }
            add(columns, aggregate.columnName(), aggregate.column());
        }
        return columns;
    }

    private static void add(List<String> columns, String name, int column) {
        if (columns.contains(name)) {
            throw PipeParser.error(column, "column '" + name + "' would appear twice; name one with 'as'");
        }
        columns.add(name);
    }

    private static Duration interval(Stage.Timechart timechart, Function<String, Duration> intervals) {
        try {
            return intervals.apply(timechart.interval());
        } catch (LoupeException e) {
            throw PipeParser.error(timechart.intervalColumn(), "timechart interval '" + timechart.interval() + "': " + e.getMessage());
        }
    }
}
