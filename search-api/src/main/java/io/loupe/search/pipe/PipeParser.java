package io.loupe.search.pipe;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogAggregation.Function;
import io.loupe.index.api.LoupeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads pipe stages. Grammar (names are case-insensitive, {@code [..]} optional, {@code {..}} repeated):
 * <pre>
 * stage     = stats | timechart | top | rare | fields | sort | head | where
 * stats     = "stats" aggregate {"," aggregate} ["by" name {"," name}]
 * timechart = "timechart" ["span="] interval aggregate {"," aggregate} ["by" name]
 * top, rare = ("top" | "rare") [integer] name
 * fields    = "fields" column {"," column}
 * sort      = "sort" ["-" | "+"] column {"," ["-" | "+"] column}
 * head      = "head" [integer]
 * where     = "where" column op number {"and" column op number}      op = &gt; &gt;= &lt; &lt;= = == !=
 *             (on a time column the number is epoch milliseconds: see {@link PipelinePlanner})
 * aggregate = ("count" ["(" [name] ")"] | function "(" name ")") ["as" name]
 * function  = "sum" | "min" | "max" | "avg" | "dc" | "distinct_count" | "median" | "p" number (0 &lt; number &le; 100)
 * column    = name ["(" [name] ")"]       (a column such as count() or avg(duration_ms) by its own name)
 * </pre>
 * A mistake answers {@link ErrorCode#INVALID_QUERY} naming the column and what was expected there.
 */
final class PipeParser {
    static final int DEFAULT_HEAD = 10;

    private final List<PipeToken> tokens;
    private int position;

    private PipeParser(List<PipeToken> tokens) {
        this.tokens = tokens;
    }

    static List<Stage> parse(List<PipeSplitter.StageText> stages) {
        List<Stage> parsed = new ArrayList<>();
        for (PipeSplitter.StageText stage : stages) {
            parsed.add(new PipeParser(PipeTokenizer.tokenize(stage)).stage());
        }
        return parsed;
    }

    private Stage stage() {
        PipeToken name = next();
        if (name.type() != PipeToken.Type.WORD) {
            throw error(name, "expected a stage (stats, timechart, top, rare, fields, sort, head, where)");
        }
        Stage stage = switch (name.text().toLowerCase(Locale.ROOT)) {
            case "stats" -> stats(name);
            case "timechart" -> timechart(name);
            case "top" -> top(name, false);
            case "rare" -> top(name, true);
            case "fields" -> new Stage.Fields(columns(), name.column());
            case "sort" -> sort(name);
            case "head" -> new Stage.Head(peek().type() == PipeToken.Type.NUMBER ? count(next(), "head") : DEFAULT_HEAD, name.column());
            case "where" -> where(name);
            default -> throw error(name, "unknown stage; expected stats, timechart, top, rare, fields, sort, head or where");
        };
        PipeToken end = next();
        if (end.type() != PipeToken.Type.END) {
            throw error(end, "unexpected " + end.describe() + " after the " + stage.name() + " stage"
                    + (end.is("by") ? " ('by' comes after the aggregates)" : ""));
        }
        return stage;
    }

    private Stage stats(PipeToken name) {
        List<Stage.AggregateSpec> aggregates = aggregates("stats");
        List<Stage.FieldRef> by = new ArrayList<>();
        if (peek().is("by")) {
            next();
            by.add(name("a field to group by after 'by'"));
            while (peek().is(",")) {
                next();
                by.add(name("a field to group by after ','"));
            }
        }
        return new Stage.Stats(aggregates, by, name.column());
    }

    private Stage timechart(PipeToken name) {
        if (peek().is("span")) {
            next();
            expect("=", "'=' after span");
        }
        PipeToken interval = next();
        if (interval.type() != PipeToken.Type.WORD || !Character.isDigit(interval.text().charAt(0))) {
            throw error(interval, "expected an interval such as 1m, 5m or 1h after timechart, found " + interval.describe());
        }
        List<Stage.AggregateSpec> aggregates = aggregates("timechart");
        Stage.FieldRef by = null;
        if (peek().is("by")) {
            next();
            by = name("a field to split by after 'by'");
            if (peek().is(",")) {
                throw error(peek(), "timechart splits by one field; use stats ... by a, b for more");
            }
        }
        return new Stage.Timechart(interval.text(), interval.column(), aggregates, by, name.column());
    }

    private Stage top(PipeToken name, boolean rare) {
        int n = peek().type() == PipeToken.Type.NUMBER ? count(next(), name.text()) : DEFAULT_HEAD;
        return new Stage.Top(n, name("a field after " + name.text().toLowerCase(Locale.ROOT)), rare, name.column());
    }

    private Stage sort(PipeToken name) {
        List<Stage.SortKey> keys = new ArrayList<>();
        do {
            if (!keys.isEmpty()) {
                next();
            }
            boolean descending = false;
            if (peek().is("-") || peek().is("+")) {
                descending = next().is("-");
            }
            keys.add(new Stage.SortKey(column("a column to sort by"), descending));
        } while (peek().is(","));
        return new Stage.Sort(keys, name.column());
    }

    private Stage where(PipeToken name) {
        List<Stage.Comparison> conditions = new ArrayList<>();
        do {
            if (!conditions.isEmpty()) {
                next();
            }
            Stage.FieldRef field = column("a column to compare");
            PipeToken op = next();
            Stage.Operator operator = op.type() == PipeToken.Type.SYMBOL ? Stage.Operator.of(op.text()) : null;
            if (operator == null) {
                throw error(op, "expected a comparison (>, >=, <, <=, =, !=) after " + field.name() + ", found " + op.describe());
            }
            conditions.add(new Stage.Comparison(field, operator, number("a number after " + op.text())));
        } while (peek().is("and"));
        return new Stage.Where(conditions, name.column());
    }

    private List<Stage.AggregateSpec> aggregates(String stage) {
        List<Stage.AggregateSpec> aggregates = new ArrayList<>();
        aggregates.add(aggregate(stage));
        while (peek().is(",")) {
            next();
            aggregates.add(aggregate(stage));
        }
        return aggregates;
    }

    private Stage.AggregateSpec aggregate(String stage) {
        PipeToken name = next();
        if (name.type() != PipeToken.Type.WORD) {
            throw error(name, "expected an aggregate such as count(), avg(f) or p99(f) after " + stage + ", found " + name.describe());
        }
        String function = name.text().toLowerCase(Locale.ROOT);
        Stage.AggregateSpec spec;
        if (function.equals("count")) {
            Stage.FieldRef field = null;
            if (peek().is("(")) {
                next();
                if (!peek().is(")")) {
                    field = name("a field or ')' in count(");
                }
                expect(")", "')' to close count(");
            }
            spec = new Stage.AggregateSpec(Function.COUNT, field, 0,
                    field == null ? "count()" : "count(" + field.name() + ")", name.column());
        } else {
            double percentile = percentile(name, function);
            Function kind = switch (function) {
                case "sum" -> Function.SUM;
                case "min" -> Function.MIN;
                case "max" -> Function.MAX;
                case "avg", "mean" -> Function.AVG;
                case "dc", "distinct_count" -> Function.DISTINCT_COUNT;
                default -> percentile > 0 ? Function.PERCENTILE : null;
            };
            if (kind == null) {
                throw error(name, "unknown aggregate '" + name.text() + "'; expected count, sum, min, max, avg, dc, median or pNN (p50, p99, p99.9)");
            }
            expect("(", "'(' after " + name.text());
            Stage.FieldRef field = name("a field in " + name.text() + "(");
            expect(")", "')' to close " + name.text() + "(");
            spec = new Stage.AggregateSpec(kind, field, percentile, name.text() + "(" + field.name() + ")", name.column());
        }
        if (peek().is("as")) {
            next();
            Stage.FieldRef alias = name("a column name after 'as'");
            spec = new Stage.AggregateSpec(spec.function(), spec.field(), spec.percentile(), alias.name(), spec.column());
        }
        return spec;
    }

    /** The percentile of {@code median} or {@code pNN}, else 0. */
    private static double percentile(PipeToken token, String function) {
        if (function.equals("median")) {
            return 50;
        }
        if (function.length() < 2 || function.charAt(0) != 'p' || !Character.isDigit(function.charAt(1))) {
            return 0;
        }
        double p;
        try {
            p = Double.parseDouble(function.substring(1));
        } catch (NumberFormatException e) {
            return 0;
        }
        if (!(p > 0 && p <= 100)) {
            throw error(token, "percentile " + function + " must be above p0 and at most p100");
        }
        return p;
    }

    private List<Stage.FieldRef> columns() {
        List<Stage.FieldRef> columns = new ArrayList<>();
        columns.add(column("a column name"));
        while (peek().is(",")) {
            next();
            columns.add(column("a column name after ','"));
        }
        return columns;
    }

    /** A name, or a column named by its expression: {@code count()}, {@code avg(duration_ms)}. */
    private Stage.FieldRef column(String expected) {
        Stage.FieldRef name = name(expected);
        if (!peek().is("(")) {
            return name;
        }
        next();
        String inner = peek().is(")") ? "" : name("a field or ')' after " + name.name() + "(").name();
        expect(")", "')' to close " + name.name() + "(");
        return new Stage.FieldRef(name.name() + "(" + inner + ")", name.column());
    }

    private Stage.FieldRef name(String expected) {
        PipeToken token = next();
        if (token.type() != PipeToken.Type.WORD) {
            throw error(token, "expected " + expected + ", found " + token.describe());
        }
        return new Stage.FieldRef(token.text(), token.column());
    }

    private double number(String expected) {
        boolean negative = false;
        if (peek().is("-") || peek().is("+")) {
            negative = next().is("-");
        }
        PipeToken token = next();
        if (token.type() != PipeToken.Type.NUMBER) {
            throw error(token, "expected " + expected + ", found " + token.describe());
        }
        double value = Double.parseDouble(token.text());
        return negative ? -value : value;
    }

    private static int count(PipeToken token, String stage) {
        int n;
        try {
            n = Integer.parseInt(token.text());
        } catch (NumberFormatException e) {
            throw error(token, stage + " takes a whole number of rows, found '" + token.text() + "'");
        }
        if (n < 1) {
            throw error(token, stage + " takes at least 1 row, found " + n);
        }
        return n;
    }

    private void expect(String symbol, String expected) {
        PipeToken token = next();
        if (!token.is(symbol)) {
            throw error(token, "expected " + expected + ", found " + token.describe());
        }
    }

    private PipeToken peek() {
        return tokens.get(position);
    }

    private PipeToken next() {
        PipeToken token = tokens.get(position);
        if (token.type() != PipeToken.Type.END) {
            position++;
        }
        return token;
    }

    static LoupeException error(PipeToken token, String message) {
        return error(token.column(), message);
    }

    static LoupeException error(int column, String message) {
        return new LoupeException(ErrorCode.INVALID_QUERY, "pipe syntax error at column " + column + ": " + message);
    }
}
