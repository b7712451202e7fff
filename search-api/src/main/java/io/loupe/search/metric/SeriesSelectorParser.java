package io.loupe.search.metric;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LabelMatcher;
import io.loupe.index.api.LoupeException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a series selector in PromQL syntax into label matchers:
 *
 * <pre>
 * selector   --&gt; [metricName] ['{' [matcher {',' matcher} [',']] '}']
 * matcher    --&gt; labelName op string | string          (a lone string names the metric, as in Prometheus 3)
 * op         --&gt; '=' | '!=' | '=~' | '!~'
 * metricName --&gt; [A-Za-z_:][A-Za-z0-9_:.]*              (dots allowed: OTLP names such as system.cpu.time)
 * labelName  --&gt; [A-Za-z_][A-Za-z0-9_.]* | string
 * string     --&gt; '"' chars '"' | "'" chars "'" | '`' raw chars '`'
 * </pre>
 *
 * Escapes in quoted strings: {@code \\ \" \' \n \r \t \a \b \f \v \xHH} and a backslash-u with four hex digits; a regex written
 * {@code "sd\\.a"} reaches the regex engine as {@code sd\.a}. Spaces are allowed between tokens.
 * The metric name becomes the matcher {@code __name__="name"}. A mistake answers
 * {@link ErrorCode#INVALID_QUERY} naming the 1-based column.
 */
public final class SeriesSelectorParser {
    private final String text;
    private final String parameter;
    private int position;

    private SeriesSelectorParser(String text, String parameter) {
        this.text = text;
        this.parameter = parameter;
    }

    /**
     * The matchers of a selector, in written order; an empty list for {@code {}}.
     *
     * @param parameter the request parameter the text came from, named in error messages
     */
    public static List<LabelMatcher> parse(String text, String parameter) {
        return new SeriesSelectorParser(text, parameter).selector();
    }

    private List<LabelMatcher> selector() {
        List<LabelMatcher> matchers = new ArrayList<>();
        skipSpaces();
        if (!atEnd() && isMetricNameStart(peek())) {
            matchers.add(LabelMatcher.equal(LabelMatcher.METRIC_NAME, name(true)));
            skipSpaces();
        }
        if (!atEnd() && peek() == '{') {
            position++;
            matcherList(matchers);
            skipSpaces();
        }
        if (!atEnd()) {
            throw error(position, "unexpected '" + peek() + "'; a selector is name{label=\"value\", ...}");
        }
        if (matchers.isEmpty() && text.isBlank()) {
            throw error(position, "the selector is empty; give a metric name or {label=\"value\"}");
        }
        return matchers;
    }

    private void matcherList(List<LabelMatcher> matchers) {
        skipSpaces();
        if (!atEnd() && peek() == '}') {
            position++;
            return;
        }
        while (true) {
            skipSpaces();
            matchers.add(matcher());
            skipSpaces();
            if (atEnd()) {
                throw error(position, "the selector ends before its closing '}'");
            }
            char next = peek();
            if (next == '}') {
                position++;
                return;
            }
            if (next != ',') {
                throw error(position, "expected ',' or '}' after a matcher, found '" + next + "'");
            }
            position++;
            skipSpaces();
            if (!atEnd() && peek() == '}') {
                position++;
                return;
            }
        }
    }

    private LabelMatcher matcher() {
        if (atEnd()) {
            throw error(position, "the selector ends where a label name was expected");
        }
        String name;
        if (isQuote(peek())) {
            name = string();
            skipSpaces();
            if (atEnd() || peek() == ',' || peek() == '}') {
                return LabelMatcher.equal(LabelMatcher.METRIC_NAME, name);
            }
        } else if (isLabelNameStart(peek())) {
            name = name(false);
        } else {
            throw error(position, "expected a label name, found '" + peek() + "'");
        }
        skipSpaces();
        LabelMatcher.Op op = operator(name);
        skipSpaces();
        int valueStart = position;
        if (atEnd() || !isQuote(peek())) {
            throw error(position, "expected a quoted value after " + name + op.symbol() + " (e.g. " + name + op.symbol() + "\"value\")");
        }
        String value = string();
        try {
            return LabelMatcher.of(name, op, value);
        } catch (IllegalArgumentException e) {
            throw error(valueStart, e.getMessage());
        }
    }

    private LabelMatcher.Op operator(String name) {
        int start = position;
        char first = atEnd() ? 0 : peek();
        char second = position + 1 < text.length() ? text.charAt(position + 1) : 0;
        if (first == '=' && second == '~') {
            position += 2;
            return LabelMatcher.Op.REGEX;
        }
        if (first == '=') {
            position++;
            return LabelMatcher.Op.EQUAL;
        }
        if (first == '!' && second == '=') {
            position += 2;
            return LabelMatcher.Op.NOT_EQUAL;
        }
        if (first == '!' && second == '~') {
            position += 2;
            return LabelMatcher.Op.NOT_REGEX;
        }
        throw error(start, "expected one of =, !=, =~, !~ after label '" + name + "'");
    }

    private String name(boolean metricName) {
        int start = position;
        position++;
        while (!atEnd() && (metricName ? isMetricNamePart(peek()) : isLabelNamePart(peek()))) {
            position++;
        }
        return text.substring(start, position);
    }

    private String string() {
        int start = position;
        char quote = text.charAt(position++);
        StringBuilder value = new StringBuilder();
        while (!atEnd()) {
            char c = text.charAt(position++);
            if (c == quote) {
                return value.toString();
            }
            if (c == '\\' && quote != '`') {
                value.append(escape());
            } else {
                value.append(c);
            }
        }
        throw error(start, "the string starting here has no closing " + quote);
    }

    private String escape() {
        int start = position - 1;
        if (atEnd()) {
            throw error(start, "a string ends in a lone backslash");
        }
        char c = text.charAt(position++);
        return switch (c) {
            case '\\', '"', '\'', '`' -> String.valueOf(c);
            case 'n' -> "\n";
            case 'r' -> "\r";
            case 't' -> "\t";
            case 'a' -> String.valueOf((char) 7);
            case 'b' -> "\b";
            case 'f' -> "\f";
            case 'v' -> String.valueOf((char) 11);
            case 'x' -> hexEscape(start, 2);
            case 'u' -> hexEscape(start, 4);
            default -> throw error(start, "unknown escape \\" + c + " (use \\\\ for a backslash)");
        };
    }

    private String hexEscape(int start, int digits) {
        if (position + digits > text.length()) {
            throw error(start, "escape needs " + digits + " hex digits");
        }
        String hex = text.substring(position, position + digits);
        try {
            int code = Integer.parseInt(hex, 16);
            position += digits;
            return String.valueOf((char) code);
        } catch (NumberFormatException e) {
            throw error(start, "escape needs " + digits + " hex digits, found '" + hex + "'");
        }
    }

    private void skipSpaces() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            position++;
        }
    }

    private boolean atEnd() {
        return position >= text.length();
    }

    private char peek() {
        return text.charAt(position);
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'' || c == '`';
    }

    private static boolean isMetricNameStart(char c) {
        return isLabelNameStart(c) || c == ':';
    }

    private static boolean isMetricNamePart(char c) {
        return isLabelNamePart(c) || c == ':';
    }

    private static boolean isLabelNameStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean isLabelNamePart(char c) {
        return isLabelNameStart(c) || c >= '0' && c <= '9' || c == '.';
    }

    private LoupeException error(int at, String message) {
        return new LoupeException(ErrorCode.INVALID_QUERY, "parameter '" + parameter + "': syntax error at column " + (at + 1)
                + " in '" + text + "': " + message);
    }
}
