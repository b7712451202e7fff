package io.loupe.search.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;

class LogQueryParserTest {

    private static String parsed(String q) {
        return LogQueryParser.parse(q).toString();
    }

    @Test
    void emptyQueryMatchesEverything() {
        assertInstanceOf(MatchAllDocsQuery.class, LogQueryParser.parse(""));
        assertInstanceOf(MatchAllDocsQuery.class, LogQueryParser.parse("  "));
        assertInstanceOf(MatchAllDocsQuery.class, LogQueryParser.parse(null));
    }

    @Test
    void aStarMatchesEverythingNotOnlyEventsWithAMessageWord() {
        assertInstanceOf(MatchAllDocsQuery.class, LogQueryParser.parse("*"));
        assertInstanceOf(MatchAllDocsQuery.class, LogQueryParser.parse(" * "));
        assertInstanceOf(MatchAllDocsQuery.class, LogQueryParser.parse("*:*"));
        assertEquals("+*:* +level:error", parsed("* AND level:error"));
        assertEquals("message:time*", parsed("time*"));
    }

    @Test
    void keywordFieldsAreExactAndMessageIsAnalysed() {
        assertEquals("user_id:u-42", parsed("user_id:u-42"));
        assertEquals("trace_id:AbC123", parsed("trace_id:AbC123"));
        assertEquals("+message:card +message:declined", parsed("Card declined"));
        assertEquals("message:\"card declined\"", parsed("\"Card Declined\""));
    }

    @Test
    void levelAndKindAreCaseInsensitive() {
        assertEquals("+level:error +kind:audit", parsed("level:ERROR AND kind:Audit"));
    }

    @Test
    void unknownFieldsAreAttributesAndNumbersMatchEveryType() {
        String bare = parsed("status:500");
        assertEquals(bare, parsed("attributes.status:500"));
        assertTrue(bare.contains("attributes.status:500"), bare);
        assertTrue(bare.contains("attributes#long.status:[500 TO 500]"), bare);
        assertTrue(bare.contains("attributes#double.status:[500.0 TO 500.0]"), bare);
        assertEquals("attributes.region:eu", parsed("region:eu").replace("(", "").replace(")", "").trim());
    }

    @Test
    void comparisonsAndRangesOnAttributes() {
        String greater = parsed("duration_ms:>100");
        assertTrue(greater.contains("attributes#long.duration_ms:[101 TO 9223372036854775807]"), greater);
        String atMost = parsed("duration_ms:<=2.5");
        assertTrue(atMost.contains("attributes#double.duration_ms:[-Infinity TO 2.5]"), atMost);
        assertTrue(atMost.contains("attributes#long.duration_ms:[-9223372036854775808 TO 2]"), atMost);
        String range = parsed("duration_ms:[10 TO 20}");
        assertTrue(range.contains("attributes#long.duration_ms:[10 TO 19]"), range);
    }

    @Test
    void wildcardsWorkOnKeywordsAndAttributes() {
        assertEquals("host:web-*", parsed("host:web-*"));
        assertEquals("attributes.path:/api*", parsed("path:\\/api*"));
        assertEquals("message:*clin*", parsed("*clin*"));
    }

    @Test
    void syntaxErrorsNameTheColumn() {
        LoupeException e = assertThrows(LoupeException.class, () -> LogQueryParser.parse("level:error AND (host:a"));
        assertEquals(ErrorCode.INVALID_QUERY, e.code());
        assertTrue(e.getMessage().contains("column"), e.getMessage());
        LoupeException bad = assertThrows(LoupeException.class, () -> LogQueryParser.parse("host:[a TO"));
        assertTrue(bad.getMessage().contains("column"), bad.getMessage());
    }

    @Test
    void timeAndInternalFieldsAreRefused() {
        LoupeException e = assertThrows(LoupeException.class, () -> LogQueryParser.parse("timestamp:[1 TO 2]"));
        assertTrue(e.getMessage().contains("from and to"), e.getMessage());
        assertThrows(LoupeException.class, () -> LogQueryParser.parse("_id:1"));
    }

    @Test
    void booleanOperatorsAndNegation() {
        Query query = LogQueryParser.parse("level:error OR level:fatal NOT service:health");
        assertTrue(query.toString().contains("-service:health"), query.toString());
    }
}
