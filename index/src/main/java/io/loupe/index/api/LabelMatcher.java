package io.loupe.index.api;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A label matcher as in PromQL: {@code name=value}, {@code name!=value}, {@code name=~regex},
 * {@code name!~regex}. Regexes are anchored at both ends. As in Prometheus, a series without the
 * label is treated as having the empty value, so {@code env=""} matches series without {@code env}.
 * The metric name is matched with the label name {@link #METRIC_NAME}.
 */
public record LabelMatcher(String name, Op op, String value, Pattern pattern) {
    public static final String METRIC_NAME = "__name__";

    public enum Op {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** @throws IllegalArgumentException when a regex does not compile, naming it */
    public static LabelMatcher of(String name, Op op, String value) {
        Pattern pattern = null;
        if (op == Op.REGEX || op == Op.NOT_REGEX) {
            try {
                pattern = Pattern.compile(value, Pattern.DOTALL);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("regex '" + value + "' for label '" + name + "' does not compile: "
                        + e.getDescription(), e);
            }
        }
        return new LabelMatcher(name, op, value, pattern);
    }

    public static LabelMatcher equal(String name, String value) {
        return of(name, Op.EQUAL, value);
    }

    /** Whether a label value (null or "" when the series lacks the label) satisfies this matcher. */
    public boolean matches(String labelValue) {
        String actual = labelValue == null ? "" : labelValue;
        return switch (op) {
            case EQUAL -> actual.equals(value);
            case NOT_EQUAL -> !actual.equals(value);
            case REGEX -> pattern.matcher(actual).matches();
            case NOT_REGEX -> !pattern.matcher(actual).matches();
        };
    }

    /** Whether a series lacking the label is selected (the empty value matches). */
    public boolean matchesEmpty() {
        return matches("");
    }

    public boolean matches(SeriesKey series) {
        return matches(METRIC_NAME.equals(name) ? series.name() : series.labels().get(name));
    }

    @Override
    public String toString() {
        return name + op.symbol + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
