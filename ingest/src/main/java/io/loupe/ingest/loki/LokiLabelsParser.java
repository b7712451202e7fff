package io.loupe.ingest.loki;

import io.loupe.ingest.parse.InputExcerpt;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the label set string of a Loki stream, as Promtail and Alloy send it in protobuf pushes and
 * old JSON pushes carried it in {@code labels}: Prometheus's {@code labels.String()} form.
 * <pre>
 * labels --&gt; ws '{' ws [ pair ( ws ',' ws pair )* [ ws ',' ] ] ws '}' ws
 * pair   --&gt; name ws '=' ws '"' char* '"'
 * name   --&gt; [a-zA-Z_] [a-zA-Z0-9_]*
 * char   --&gt; any character but '"', '\' and a line break
 *          | '\' ( '\' | '"' | '\'' | 'n' | 't' | 'r' | 'a' | 'b' | 'f' | 'v' )
 *          | '\x' hex hex | '\' octal octal octal              one byte; consecutive bytes must be UTF-8
 *          | '&#92;u' hex{4} | '\U' hex{8}                         one code point (no surrogates)
 * ws     --&gt; ( ' ' | '\t' | '\r' | '\n' )*
 * </pre>
 * The escapes are those of Go's {@code strconv.Quote}, which Prometheus uses to write the values (so a
 * tab arrives as {@code \t} and an unprintable character as <code>&#92;u00ad</code>). Label order is kept; a
 * name given twice is an error. Stateless and thread-safe.
 */
final class LokiLabelsParser {
    private LokiLabelsParser() {
    }

    /**
     * @return the labels in the order written (possibly empty)
     * @throws IllegalArgumentException naming the labels string, the problem and the 1-based character where it is
     */
    static Map<String, String> parse(String text) {
        return new Cursor(text).labels();
    }

    /** One pass over the text; {@code at} is the index of the next character to read. */
    private static final class Cursor {
        private final String text;
        private int at;

        Cursor(String text) {
            this.text = text;
        }

        Map<String, String> labels() {
            Map<String, String> labels = new LinkedHashMap<>();
            skipSpace();
            expect('{', "expected '{' to start the label set");
            skipSpace();
            while (peek() != '}') {
                int nameStart = at;
                String name = name();
                skipSpace();
                expect('=', "expected '=' after label name '" + name + "'");
                skipSpace();
                String value = value(name);
                if (labels.put(name, value) != null) {
                    throw problem("label '" + name + "' is given more than once", nameStart);
                }
                skipSpace();
                if (peek() == ',') {
                    at++;
                    skipSpace();
                } else if (peek() != '}') {
                    throw problem("expected ',' or '}' after the value of label '" + name + "'", at);
                }
            }
            at++;
            skipSpace();
            if (at < text.length()) {
                throw problem("unexpected text after the closing '}'", at);
            }
            return labels;
        }

        private String name() {
            int start = at;
            if (at >= text.length() || !isNameStart(text.charAt(at))) {
                throw problem(at >= text.length() ? "the label set is not closed with '}'"
                        : "expected a label name ([a-zA-Z_][a-zA-Z0-9_]*) or '}'", at);
            }
            at++;
            while (at < text.length() && isNamePart(text.charAt(at))) {
                at++;
            }
            return text.substring(start, at);
        }

        private String value(String name) {
            expect('"', "expected '\"' to start the value of label '" + name + "'");
            StringBuilder value = new StringBuilder();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (true) {
                if (at >= text.length()) {
                    throw problem("the value of label '" + name + "' is not closed with '\"'", at);
                }
                char c = text.charAt(at);
                if (c == '"') {
                    flushBytes(bytes, value, name);
                    at++;
                    return value.toString();
                }
                if (c == '\n' || c == '\r') {
                    throw problem("the value of label '" + name + "' has a line break; write it as \\n", at);
                }
                if (c != '\\') {
                    flushBytes(bytes, value, name);
                    value.append(c);
                    at++;
                    continue;
                }
                escape(name, value, bytes);
            }
        }

        /** Reads one escape at {@code at} (the backslash): a byte goes to {@code bytes}, a character to {@code value}. */
        private void escape(String name, StringBuilder value, ByteArrayOutputStream bytes) {
            int start = at;
            if (at + 1 >= text.length()) {
                throw problem("the value of label '" + name + "' ends in a lone '\\'", start);
            }
            char kind = text.charAt(at + 1);
            at += 2;
            switch (kind) {
                case 'x' -> bytes.write(hex(2, start, name));
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    at--;
                    bytes.write(octal(start, name));
                }
                case 'u', 'U' -> {
                    int codePoint = hex(kind == 'u' ? 4 : 8, start, name);
                    if (codePoint > Character.MAX_CODE_POINT || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)) {
                        throw problem("escape " + text.substring(start, at) + " in the value of label '" + name
                                + "' is not a Unicode code point", start);
                    }
                    flushBytes(bytes, value, name);
                    value.appendCodePoint(codePoint);
                }
                default -> {
                    char simple = simpleEscape(kind);
                    if (simple == 0) {
                        throw problem("unknown escape \\" + kind + " in the value of label '" + name
                                + "' (write a backslash as \\\\ and a quote as \\\")", start);
                    }
                    flushBytes(bytes, value, name);
                    value.append(simple);
                }
            }
        }

        private static char simpleEscape(char kind) {
            return switch (kind) {
                case '\\' -> '\\';
                case '"' -> '"';
                case '\'' -> '\'';
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                case 'a' -> (char) 7;
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'v' -> (char) 11;
                default -> 0;
            };
        }

        private int hex(int digits, int escapeStart, String name) {
            if (text.length() - at < digits) {
                throw problem("escape " + text.substring(escapeStart) + " in the value of label '" + name + "' needs "
                        + digits + " hex digits", escapeStart);
            }
            long value = 0;
            for (int i = 0; i < digits; i++) {
                int digit = Character.digit(text.charAt(at + i), 16);
                if (digit < 0) {
                    throw problem("escape " + text.substring(escapeStart, at + digits) + " in the value of label '" + name
                            + "' needs " + digits + " hex digits", escapeStart);
                }
                value = value * 16 + digit;
            }
            at += digits;
            return (int) Math.min(value, Integer.MAX_VALUE);
        }

        private int octal(int escapeStart, String name) {
            int value = 0;
            for (int i = 0; i < 3; i++) {
                char c = at < text.length() ? text.charAt(at) : ' ';
                if (c < '0' || c > '7') {
                    throw problem("octal escape in the value of label '" + name + "' needs 3 digits (0-7)", escapeStart);
                }
                value = value * 8 + (c - '0');
                at++;
            }
            if (value > 255) {
                throw problem("octal escape " + text.substring(escapeStart, at) + " in the value of label '" + name
                        + "' is more than one byte (\\377)", escapeStart);
            }
            return value;
        }

        /** Appends the pending byte escapes as UTF-8, which they must be. */
        private void flushBytes(ByteArrayOutputStream bytes, StringBuilder value, String name) {
            if (bytes.size() == 0) {
                return;
            }
            try {
                value.append(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())));
            } catch (CharacterCodingException e) {
                throw problem("the byte escapes in the value of label '" + name + "' are not valid UTF-8", at);
            }
            bytes.reset();
        }

        private void expect(char wanted, String problem) {
            if (peek() != wanted) {
                throw problem(problem, at);
            }
            at++;
        }

        /** The next character, or 0 at the end. */
        private char peek() {
            return at < text.length() ? text.charAt(at) : 0;
        }

        private void skipSpace() {
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                    return;
                }
                at++;
            }
        }

        private static boolean isNameStart(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        }

        private static boolean isNamePart(char c) {
            return isNameStart(c) || (c >= '0' && c <= '9');
        }

        private IllegalArgumentException problem(String problem, int index) {
            String where = index >= text.length() ? "at the end" : "at character " + (index + 1);
            return new IllegalArgumentException("labels '" + InputExcerpt.of(text) + "': " + problem + " (" + where + ")");
        }
    }
}
