package io.loupe.search.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LabelMatcher;
import io.loupe.index.api.LabelMatcher.Op;
import io.loupe.index.api.LoupeException;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class SeriesSelectorParserTest {

    @Test
    void readsAllFourOperatorsAndTheMetricNameInFront() {
        List<LabelMatcher> matchers = parse("node_cpu_seconds_total{job=\"node\", mode!=\"idle\",device=~\"sd.*\" , fstype!~'tmp.*'}");
        assertEquals(List.of("__name__=\"node_cpu_seconds_total\"", "job=\"node\"", "mode!=\"idle\"", "device=~\"sd.*\"", "fstype!~\"tmp.*\""),
                matchers.stream().map(LabelMatcher::toString).toList());
        assertEquals(List.of(Op.EQUAL, Op.EQUAL, Op.NOT_EQUAL, Op.REGEX, Op.NOT_REGEX), matchers.stream().map(LabelMatcher::op).toList());
        assertTrue(matchers.get(3).matches("sda"));
        assertFalse(matchers.get(3).matches("nvme0"), "regexes are anchored");
    }

    @Test
    void acceptsBareNamesDottedNamesQuotedNamesEmptyBracesAndATrailingComma() {
        assertEquals(List.of(LabelMatcher.equal("__name__", "node_load1")), parse("node_load1"));
        assertEquals(List.of(LabelMatcher.equal("__name__", "system.cpu.time"), LabelMatcher.equal("state", "idle")),
                parse("system.cpu.time{state=\"idle\"}"));
        assertEquals(List.of(LabelMatcher.equal("__name__", "host.cpu.utilization"), LabelMatcher.equal("host.name", "web-3")),
                parse("{\"host.cpu.utilization\", host.name=\"web-3\",}"));
        assertEquals(List.of(), parse("{}"));
        assertEquals(List.of(LabelMatcher.equal("job", "x")), parse("  { job = `x` }  "));
    }

    @Test
    void unescapesQuotedValues() {
        assertEquals("say \"hi\"\\now\n\t", parse("{msg=\"say \\\"hi\\\"\\\\now\\n\\t\"}").getFirst().value());
        assertEquals("it's", parse("{msg='it\\'s'}").getFirst().value());
        assertEquals("A-\u00e9", parse("{msg=\"\\x41-\\u00e9\"}").getFirst().value());
        assertEquals("raw\\n", parse("{msg=`raw\\n`}").getFirst().value(), "backquotes keep backslashes");
        LabelMatcher regex = parse("{path=~\"/api\\\\.v1/.*\"}").getFirst();
        assertTrue(regex.matches("/api.v1/x"));
        assertFalse(regex.matches("/apixv1/x"), "an escaped dot in the regex is a literal dot");
    }

    @Test
    void syntaxErrorsNameTheColumn() {
        assertError("{job=node}", 6, "expected a quoted value");
        assertError("{job=\"node\"", 12, "ends before its closing '}'");
        assertError("{job~\"x\"}", 5, "expected one of =, !=, =~, !~");
        assertError("{job=\"x\" mode=\"y\"}", 10, "expected ',' or '}'");
        assertError("{a=~\"(\"}", 5, "does not compile");
        assertError("{msg=\"a\\qb\"}", 8, "unknown escape \\q");
        assertError("{msg=\"open}", 6, "no closing \"");
        assertError("node_load1 extra", 12, "unexpected 'e'");
        assertError("{9lives=\"x\"}", 2, "expected a label name");
        assertError("", 1, "empty");
    }

    @Property(tries = 300)
    void garbageAnswersInvalidQueryOrParses(@ForAll String text) {
        try {
            SeriesSelectorParser.parse(text, "match");
        } catch (LoupeException e) {
            assertEquals(ErrorCode.INVALID_QUERY, e.code());
            assertTrue(e.getMessage().contains("column "), e.getMessage());
        }
    }

    private static List<LabelMatcher> parse(String text) {
        return SeriesSelectorParser.parse(text, "match");
    }

    private static void assertError(String text, int column, String fragment) {
        LoupeException e = assertThrows(LoupeException.class, () -> parse(text), text);
        assertEquals(ErrorCode.INVALID_QUERY, e.code());
        assertTrue(e.getMessage().contains("parameter 'match': syntax error at column " + column + " "), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
