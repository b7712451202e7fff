package io.loupe.ops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TableAnswerCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATS_COLUMNS = "\"columns\":[{\"name\":\"host\",\"type\":\"string\"},{\"name\":\"count()\",\"type\":\"number\"}]";
    private static final long FROM = Instant.parse("2026-12-06T10:00:30Z").toEpochMilli();
    private static final long TO = Instant.parse("2026-12-06T10:03:30Z").toEpochMilli();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void statsByHostPassesWhenEveryEventIsCountedOnceInDistinctGroups() throws Exception {
        AnswerCheck.Outcome outcome = TableAnswerCheck.statsCountBy("host", 10, 50).check(json(
                "{" + STATS_COLUMNS + ",\"rows\":[[\"web-01\",7],[\"db-01\",3]],\"matched\":10,\"took_ms\":4}"));
        assertEquals(new AnswerCheck.Outcome(10, 2, 4), outcome);
    }

    @Test
    void statsByHostFailsOnAMissingEventADuplicateGroupOrOtherColumns() throws Exception {
        TableAnswerCheck check = TableAnswerCheck.statsCountBy("host", 10, 50);
        IllegalStateException lost = assertThrows(IllegalStateException.class, () -> check.check(json(
                "{" + STATS_COLUMNS + ",\"rows\":[[\"web-01\",7],[\"db-01\",2]],\"matched\":10}")));
        assertTrue(lost.getMessage().contains("count 9 events, expected 10"), lost.getMessage());
        assertThrows(IllegalStateException.class, () -> check.check(json(
                "{" + STATS_COLUMNS + ",\"rows\":[[\"web-01\",7],[\"web-01\",3]],\"matched\":10}")));
        assertThrows(IllegalStateException.class, () -> check.check(json(
                "{" + STATS_COLUMNS + ",\"rows\":[[\"web-01\",7],[\"db-01\",3]],\"matched\":9}")));
        assertThrows(IllegalStateException.class, () -> check.check(json(
                "{\"columns\":[{\"name\":\"service\",\"type\":\"string\"},{\"name\":\"count()\",\"type\":\"number\"}],"
                        + "\"rows\":[[\"web-01\",7],[\"db-01\",3]],\"matched\":10}")));
        assertThrows(IllegalStateException.class, () -> TableAnswerCheck.statsCountBy("host", 10, 1).check(json(
                "{" + STATS_COLUMNS + ",\"rows\":[[\"web-01\",7],[\"db-01\",3]],\"matched\":10}")));
    }

    @Test
    void aTimechartHasEveryBucketFromTheOneHoldingFromToTheOneHoldingTo() throws Exception {
        TableAnswerCheck check = TableAnswerCheck.timechartCount(Duration.ofMinutes(1), FROM, TO, null, 1, 6);
        assertEquals(4, check.buckets());
        String columns = "\"columns\":[{\"name\":\"_time\",\"type\":\"time\"},{\"name\":\"count()\",\"type\":\"number\"}]";
        String complete = "{" + columns + ",\"rows\":[[\"2026-12-06T10:00:00.000000000Z\",1],[\"2026-12-06T10:01:00.000000000Z\",0],"
                + "[\"2026-12-06T10:02:00.000000000Z\",2],[\"2026-12-06T10:03:00.000000000Z\",3]],\"matched\":6,\"took_ms\":1}";
        assertEquals(new AnswerCheck.Outcome(6, 4, 1), check.check(json(complete)));
        String gap = "{" + columns + ",\"rows\":[[\"2026-12-06T10:00:00.000000000Z\",1],[\"2026-12-06T10:02:00.000000000Z\",0],"
                + "[\"2026-12-06T10:02:00.000000000Z\",2],[\"2026-12-06T10:03:00.000000000Z\",3]],\"matched\":6}";
        assertThrows(IllegalStateException.class, () -> check.check(json(gap)));
        String shifted = "{" + columns + ",\"rows\":[[\"2026-12-06T10:01:00.000000000Z\",1],[\"2026-12-06T10:02:00.000000000Z\",0],"
                + "[\"2026-12-06T10:03:00.000000000Z\",2],[\"2026-12-06T10:04:00.000000000Z\",3]],\"matched\":6}";
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> check.check(json(shifted)));
        assertTrue(e.getMessage().contains("2026-12-06T10:00:00Z was expected"), e.getMessage());
    }

    @Test
    void aTimechartByAFieldHasARowForEveryBucketAndSeries() throws Exception {
        TableAnswerCheck check = TableAnswerCheck.timechartCount(Duration.ofMinutes(1), FROM,
                Instant.parse("2026-12-06T10:01:30Z").toEpochMilli(), "level", 3, 5);
        String columns = "\"columns\":[{\"name\":\"_time\",\"type\":\"time\"},{\"name\":\"level\",\"type\":\"string\"},"
                + "{\"name\":\"count()\",\"type\":\"number\"}]";
        String complete = "{" + columns + ",\"rows\":[[\"2026-12-06T10:00:00Z\",\"error\",1],[\"2026-12-06T10:00:00Z\",\"info\",2],"
                + "[\"2026-12-06T10:01:00Z\",\"error\",0],[\"2026-12-06T10:01:00Z\",\"info\",2]],\"matched\":5}";
        assertEquals(4, check.check(json(complete)).items());
        String missingRow = "{" + columns + ",\"rows\":[[\"2026-12-06T10:00:00Z\",\"error\",1],[\"2026-12-06T10:00:00Z\",\"info\",2],"
                + "[\"2026-12-06T10:01:00Z\",\"info\",2]],\"matched\":5}";
        assertThrows(IllegalStateException.class, () -> check.check(json(missingRow)));
    }
}
