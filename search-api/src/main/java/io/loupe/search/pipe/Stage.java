package io.loupe.search.pipe;

import io.loupe.index.api.LogAggregation;
import java.util.List;

/** One parsed pipe stage; {@code column} is where its name starts in the search text (1-based). */
sealed interface Stage {

    int column();

    /** The stage's name as written in queries. */
    String name();

    /** {@code stats agg, ... [by f, ...]}: one row per group. */
    record Stats(List<AggregateSpec> aggregates, List<FieldRef> by, int column) implements Stage {
        public String name() {
            return "stats";
        }
    }

    /** {@code timechart <interval> agg, ... [by f]}: one row per time bucket (and value of f). */
    record Timechart(String interval, int intervalColumn, List<AggregateSpec> aggregates, FieldRef by, int column)
            implements Stage {
        public String name() {
            return "timechart";
        }
    }

    /** {@code top [n] f} (most frequent first) or {@code rare [n] f} (least frequent first). */
    record Top(int n, FieldRef field, boolean rare, int column) implements Stage {
        public String name() {
            return rare ? "rare" : "top";
        }
    }

    /** {@code fields a, b}: keep these columns, in this order. */
    record Fields(List<FieldRef> fields, int column) implements Stage {
        public String name() {
            return "fields";
        }
    }

    /** {@code sort [-]a, [-]b}: order rows, {@code -} for descending. */
    record Sort(List<SortKey> keys, int column) implements Stage {
        public String name() {
            return "sort";
        }
    }

    /** {@code head [n]}: the first n rows (10 when n is left out). */
    record Head(int n, int column) implements Stage {
        public String name() {
            return "head";
        }
    }

    /** {@code where a > 1 and b != 2}: keep rows where every comparison holds. */
    record Where(List<Comparison> conditions, int column) implements Stage {
        public String name() {
            return "where";
        }
    }

    /** A column or field named in a stage, and where. */
    record FieldRef(String name, int column) {
    }

    /**
     * One aggregate of {@code stats} or {@code timechart}.
     *
     * @param field      null for {@code count()}
     * @param columnName the result column: the alias after {@code as}, else the expression as written, e.g. {@code avg(duration_ms)}
     */
    record AggregateSpec(LogAggregation.Function function, FieldRef field, double percentile, String columnName, int column) {

        /** True when the value is a point in time (min, max, avg or a percentile of {@code timestamp}): a time column. */
        boolean isTime() {
            return field != null && new LogAggregation.Aggregate(function, field.name(), percentile).isTime();
        }
    }

    record SortKey(FieldRef field, boolean descending) {
    }

    /**
     * {@code field op value}, a numeric comparison.
     *
     * @param onTime true when {@code field} is a time column: {@code value} is then epoch milliseconds
     *               (as the {@code from} and {@code to} parameters take them), compared exactly with the nanos
     */
    record Comparison(FieldRef field, Operator operator, double value, boolean onTime) {

        Comparison(FieldRef field, Operator operator, double value) {
            this(field, operator, value, false);
        }
    }

    enum Operator {
        GT(">"), GE(">="), LT("<"), LE("<="), EQ("="), NE("!=");

        final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        boolean test(double left, double right) {
            return switch (this) {
                case GT -> left > right;
                case GE -> left >= right;
                case LT -> left < right;
                case LE -> left <= right;
                case EQ -> left == right;
                case NE -> left != right;
            };
        }

        static Operator of(String symbol) {
            return switch (symbol) {
                case ">" -> GT;
                case ">=" -> GE;
                case "<" -> LT;
                case "<=" -> LE;
                case "=", "==" -> EQ;
                case "!=" -> NE;
                default -> null;
            };
        }
    }
}
