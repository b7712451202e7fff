package io.loupe.search.pipe;

import io.loupe.index.api.IndexedFields;
import io.loupe.index.api.LogAggregation.Function;
import io.loupe.index.api.LogFields;
import java.util.List;

/**
 * How a field named in a stage maps onto the index, as queries and facets read names: a first-class
 * keyword ({@code host}), {@code kind} (to group by only), {@code timestamp} (to aggregate only: its min, max, avg and
 * percentiles are times, not numbers; it has no sum), or an attribute, written bare ({@code duration_ms}) or with its
 * prefix ({@code attributes.duration_ms}).
 */
final class PipeFieldNames {
    /** The columns an event row has before any {@code fields} stage picks others. */
    static final List<String> DEFAULT_EVENT_COLUMNS = List.of("_time", "host", "service", "level", "message");

    private PipeFieldNames() {
    }

    /** The field {@code LogStore.aggregate} groups by. */
    static String groupField(Stage.FieldRef field, String stage) {
        String name = field.name();
        if (name.equals(LogFields.TIMESTAMP)) {
            throw PipeParser.error(field.column(), stage + " cannot group by timestamp; use timechart <interval> for time buckets");
        }
        if (name.equals(LogFields.KIND)) {
            return name; // each partition holds one kind: LogStore.aggregate groups by it without doc values
        }
        return aggregateField(field, stage, Function.COUNT);
    }

    /** The field an aggregate reads, checked against what the function needs. */
    static String aggregateField(Stage.FieldRef field, String stage, Function function) {
        String name = field.name();
        boolean numeric = function != Function.COUNT && function != Function.DISTINCT_COUNT;
        if (name.equals(LogFields.MESSAGE)) {
            throw PipeParser.error(field.column(), "message is full text: " + stage + " reads keyword fields, attributes and numbers");
        }
        if (IndexedFields.LOOKUP_ONLY.contains(name)) {
            throw PipeParser.error(field.column(), name + " is indexed for exact lookup only (" + String.join(", ",
                    IndexedFields.LOOKUP_ONLY.stream().sorted().toList()) + " have no doc values) and cannot be aggregated; query it with "
                    + name + ":<value>");
        }
        if (name.startsWith("_") || name.isEmpty()) {
            throw PipeParser.error(field.column(), "'" + name + "' is not a field");
        }
        if (name.equals(LogFields.KIND)) {
            throw PipeParser.error(field.column(), "kind has no values to aggregate (it is indexed for lookup only); group by it ("
                    + stage + " ... by kind) or filter it in the query (kind:audit)");
        }
        if (LogFields.isKeyword(name)) {
            if (numeric) {
                throw PipeParser.error(field.column(), function.name().toLowerCase(java.util.Locale.ROOT) + " needs numbers, but " + name
                        + " is a keyword field; use count(), dc(" + name + ") or group by it");
            }
            return name;
        }
        if (name.equals(LogFields.TIMESTAMP)) {
            if (function == Function.SUM) {
                throw PipeParser.error(field.column(), "sum(timestamp) would add up points in time; use min, max, avg, median or pNN"
                        + " of timestamp for a time, or count()");
            }
            return name;
        }
        return name.startsWith(LogFields.ATTRIBUTE_PREFIX) ? name : LogFields.ATTRIBUTE_PREFIX + name;
    }

    /** The attribute key a {@code where} on events compares, or an error for a field that holds no numbers. */
    static String numericAttribute(Stage.FieldRef field) {
        String name = field.name();
        if (LogFields.isKeyword(name) || name.equals(LogFields.KIND) || name.equals(LogFields.MESSAGE)) {
            throw PipeParser.error(field.column(), "where compares numbers, but " + name + " is a "
                    + (name.equals(LogFields.MESSAGE) ? "text" : "keyword") + " field; filter it in the query instead (" + name + ":value)");
        }
        if (name.equals(LogFields.TIMESTAMP) || name.equals("_time")) {
            throw PipeParser.error(field.column(), "where does not compare event times; use the from and to parameters");
        }
        if (name.startsWith("_") || name.contains("(")) {
            throw PipeParser.error(field.column(), "'" + name + "' is not a field of events; where before an aggregating stage compares event attributes");
        }
        return name.startsWith(LogFields.ATTRIBUTE_PREFIX) ? name.substring(LogFields.ATTRIBUTE_PREFIX.length()) : name;
    }
}
