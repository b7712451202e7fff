package io.loupe.ingest.loki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LokiLabelsParserTest {

    @Test
    void parsesTheLabelSetPromtailWritesKeepingItsOrder() {
        Map<String, String> labels = LokiLabelsParser.parse("{job=\"varlogs\", host=\"web-3\", filename=\"/var/log/syslog\"}");
        assertEquals(Map.of("job", "varlogs", "host", "web-3", "filename", "/var/log/syslog"), labels);
        assertEquals(List.of("job", "host", "filename"), List.copyOf(labels.keySet()));
    }

    @Test
    void spacingIsFreeAndATrailingCommaOrAnEmptySetIsFine() {
        assertEquals(Map.of(), LokiLabelsParser.parse("{}"));
        assertEquals(Map.of(), LokiLabelsParser.parse("  { }\n"));
        assertEquals(Map.of("a", "1", "_b2", ""), LokiLabelsParser.parse("{ a = \"1\" ,\t_b2=\"\", }"));
    }

    @Test
    void valuesTakeTheEscapesOfGoQuote() {
        assertEquals("back\\slash \"quoted\" new\nline", LokiLabelsParser.parse("{a=\"back\\\\slash \\\"quoted\\\" new\\nline\"}").get("a"));
        assertEquals("tab\there\r 'single' \u0007\b\f\u000b", LokiLabelsParser.parse("{a=\"tab\\there\\r \\'single\\' \\a\\b\\f\\v\"}").get("a"));
        assertEquals("é soft\u00adhyphen 😀", LokiLabelsParser.parse("{a=\"\\u00e9 soft\\u00adhyphen \\U0001F600\"}").get("a"));
        assertEquals("é é \u0000", LokiLabelsParser.parse("{a=\"\\xc3\\xa9 \\303\\251 \\x00\"}").get("a"));
        assertEquals("ünïcode as is", LokiLabelsParser.parse("{a=\"ünïcode as is\"}").get("a"));
    }

    @Test
    void malformedLabelSetsAreRefusedNamingTheProblemAndWhere() {
        assertProblem("labels 'job=\"a\"': expected '{' to start the label set (at character 1)", "job=\"a\"");
        assertProblem("labels '{job=\"a\"': expected ',' or '}' after the value of label 'job' (at the end)", "{job=\"a\"");
        assertProblem("labels '{job=\"a\", host}': expected '=' after label name 'host' (at character 15)", "{job=\"a\", host}");
        assertProblem("labels '{job!=\"a\"}': expected '=' after label name 'job' (at character 5)", "{job!=\"a\"}");
        assertProblem("labels '{1job=\"a\"}': expected a label name ([a-zA-Z_][a-zA-Z0-9_]*) or '}' (at character 2)", "{1job=\"a\"}");
        assertProblem("labels '{job=a}': expected '\"' to start the value of label 'job' (at character 6)", "{job=a}");
        assertProblem("labels '{job=\"a}': the value of label 'job' is not closed with '\"' (at the end)", "{job=\"a}");
        assertProblem("labels '{job=\"a\" host=\"b\"}': expected ',' or '}' after the value of label 'job' (at character 10)",
                "{job=\"a\" host=\"b\"}");
        assertProblem("labels '{a=\"1\",a=\"2\"}': label 'a' is given more than once (at character 8)", "{a=\"1\",a=\"2\"}");
        assertProblem("labels '{a=\"1\"} x': unexpected text after the closing '}' (at character 9)", "{a=\"1\"} x");
        assertProblem("labels '{a=\"1\",': the label set is not closed with '}' (at the end)", "{a=\"1\",");
        assertProblem("labels '': expected '{' to start the label set (at the end)", "");
    }

    @Test
    void badEscapesAreRefused() {
        assertProblem("labels '{a=\"\\q\"}': unknown escape \\q in the value of label 'a' (write a backslash as \\\\ and a quote"
                + " as \\\") (at character 5)", "{a=\"\\q\"}");
        assertProblem("labels '{a=\"\\xzz\"}': escape \\xzz in the value of label 'a' needs 2 hex digits (at character 5)", "{a=\"\\xzz\"}");
        assertProblem("labels '{a=\"\\u12\"}': escape \\u12\"} in the value of label 'a' needs 4 hex digits (at character 5)",
                "{a=\"\\u12\"}");
        assertProblem("labels '{a=\"\\ud800\"}': escape \\ud800 in the value of label 'a' is not a Unicode code point"
                + " (at character 5)", "{a=\"\\ud800\"}");
        assertProblem("labels '{a=\"\\U00110000\"}': escape \\U00110000 in the value of label 'a' is not a Unicode code point"
                + " (at character 5)", "{a=\"\\U00110000\"}");
        assertProblem("labels '{a=\"\\xff\"}': the byte escapes in the value of label 'a' are not valid UTF-8 (at character 9)",
                "{a=\"\\xff\"}");
        assertProblem("labels '{a=\"\\400\"}': octal escape \\400 in the value of label 'a' is more than one byte (\\377)"
                + " (at character 5)", "{a=\"\\400\"}");
        assertProblem("labels '{a=\"\\\"}': the value of label 'a' is not closed with '\"' (at the end)", "{a=\"\\\"}");
        assertProblem("labels '{a=\"line\nbreak\"}': the value of label 'a' has a line break; write it as \\n (at character 9)",
                "{a=\"line\nbreak\"}");
    }

    private static void assertProblem(String message, String labels) {
        IllegalArgumentException problem = assertThrows(IllegalArgumentException.class, () -> LokiLabelsParser.parse(labels));
        assertEquals(message, problem.getMessage());
    }
}
