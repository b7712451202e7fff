package io.loupe.ops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchQueriesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant FROM = Instant.parse("2026-12-05T17:00:00.250Z");
    private static final Instant TO = Instant.parse("2026-12-06T17:00:00.250Z");
    private static final Map<String, Long> EVENTS_OF_USER = Map.of("u-000001", 3L, "u-000002", 1L);

    private static SearchQueries queries(long seed) {
        return new SearchQueries(List.of("u-000001", "u-000001", "u-000002"), user -> EVENTS_OF_USER.getOrDefault(user, 0L),
                FROM, TO, 1_000, 50, seed);
    }

    private static String q(BenchRequest request) {
        String path = request.pathAndQuery();
        int start = path.indexOf("?q=") + 3;
        return URLDecoder.decode(path.substring(start, path.indexOf('&', start)), StandardCharsets.UTF_8);
    }

    @Test
    void theSameSeedAsksTheSameRequests() {
        SearchQueries first = queries(3);
        SearchQueries again = queries(3);
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            a.add(first.userIdLookup().describe() + first.term().describe() + first.correlation().describe() + first.timeline().describe());
            b.add(again.userIdLookup().describe() + again.term().describe() + again.correlation().describe() + again.timeline().describe());
        }
        assertEquals(a, b);
    }

    @Test
    void pipeQueriesCoverTheWholeSpanWithTheirStage() {
        SearchQueries queries = queries(1);
        BenchRequest stats = queries.statsByHost();
        assertEquals("* | stats count() by host", q(stats));
        assertTrue(stats.pathAndQuery().contains("&from=" + FROM.toEpochMilli() + "&to=" + TO.toEpochMilli()), stats.pathAndQuery());
        assertInstanceOf(TableAnswerCheck.class, stats.check());
        assertEquals("* | timechart 1m count()", q(queries.timechart()));
        assertEquals("* | timechart 1m count() by level", q(queries.timechartByLevel()));
        // from 17:00:00.250 to 17:00:00.250 the next day: the buckets of 17:00 through 17:00, 1441 of them
        assertEquals(1441, ((TableAnswerCheck) queries.timechart().check()).buckets());
        assertNull(stats.jsonBody());
    }

    @Test
    void aCorrelationPostsAServiceQueryOverTheSpanWithTheDefaults() throws Exception {
        BenchRequest correlation = queries(1).correlation();
        assertEquals(SearchQueries.CORRELATE_PATH, correlation.pathAndQuery());
        JsonNode body = JSON.readTree(correlation.jsonBody());
        assertTrue(body.path("q").asText().startsWith("service:"), body.toString());
        assertTrue(EventGenerator.serviceNames().contains(body.path("q").asText().substring("service:".length())), body.toString());
        assertEquals(Long.toString(FROM.toEpochMilli()), body.path("from").asText());
        assertEquals(Long.toString(TO.toEpochMilli()), body.path("to").asText());
        assertEquals(new CorrelationAnswerCheck(SearchQueries.SIGNALS, 5), correlation.check());
    }

    @Test
    void aTimelineExpectsAsManyEventsAsTheGeneratorGaveTheUser() {
        SearchQueries queries = queries(5);
        for (int i = 0; i < 10; i++) {
            BenchRequest timeline = queries.timeline();
            TimelineAnswerCheck check = (TimelineAnswerCheck) timeline.check();
            assertEquals("/api/v1/users/" + check.userId() + "/timeline?from=" + FROM.toEpochMilli() + "&to=" + TO.toEpochMilli(),
                    timeline.pathAndQuery());
            assertEquals(EVENTS_OF_USER.get(check.userId()), check.events());
        }
    }

    @Test
    void noUserIdsMeansNoLookups() {
        assertThrows(IllegalArgumentException.class, () -> new SearchQueries(List.of(), user -> 0, FROM, TO, 1, 1, 1));
    }
}
