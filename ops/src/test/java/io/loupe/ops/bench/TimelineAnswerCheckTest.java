package io.loupe.ops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TimelineAnswerCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CPU = "host.cpu.utilization";
    private static final String FAILING_GROUP = "{\"key\":\"t1\",\"error\":true,"
            + "\"summary\":{\"first\":\"2026-12-06T10:00:00.000000000Z\",\"last\":\"2026-12-06T10:00:02.000000000Z\"},\"events\":[{\"user_id\":\"u-000042\",\"level\":\"error\"},"
            + "{\"user_id\":\"u-000042\"}]}";
    private static final String QUIET_GROUP = "{\"key\":\"t2\",\"error\":false,"
            + "\"summary\":{\"first\":\"2026-12-06T08:30:00.000000000Z\",\"last\":\"2026-12-06T08:30:00.000000000Z\"},\"events\":[{\"user_id\":\"u-000042\"}]}";
    private static final String HOSTS = "{\"web-01\":{\"buckets\":[\"a\",\"b\"],\"host.cpu.utilization\":[null,0.4]}}";

    private static JsonNode answer(long total, String groups, String hosts, String cursor) throws Exception {
        return JSON.readTree("{\"user_id\":\"u-000042\",\"total\":" + total + ",\"groups\":[" + groups + "],\"interval\":\"1m\","
                + "\"hosts\":" + hosts + ",\"next_cursor\":" + cursor + ",\"took_ms\":5}");
    }

    @Test
    void aCompletePageWithSignalsForTheFailingHostsPasses() throws Exception {
        TimelineAnswerCheck check = new TimelineAnswerCheck("u-000042", 3, 100, CPU);
        assertEquals(new AnswerCheck.Outcome(3, 3, 5, "failing groups, page spans 1-12 h"),
                check.check(answer(3, FAILING_GROUP + "," + QUIET_GROUP, HOSTS, "null")));
        assertEquals(1, new TimelineAnswerCheck("u-000042", 1, 100, CPU).check(answer(1, QUIET_GROUP, "{}", "null")).items());
    }

    @Test
    void aTotalOtherThanTheGeneratedEventsFails() throws Exception {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new TimelineAnswerCheck("u-000042", 4, 100, CPU).check(answer(3, FAILING_GROUP + "," + QUIET_GROUP, HOSTS, "null")));
        assertTrue(e.getMessage().contains("counts 3 events, the generator made 4"), e.getMessage());
    }

    @Test
    void aFullPageNeedsACursorAndAShortOneNone() throws Exception {
        TimelineAnswerCheck check = new TimelineAnswerCheck("u-000042", 5, 3, CPU);
        assertEquals(3, check.check(answer(5, FAILING_GROUP + "," + QUIET_GROUP, HOSTS, "\"c1\"")).items());
        assertThrows(IllegalStateException.class, () -> check.check(answer(5, FAILING_GROUP + "," + QUIET_GROUP, HOSTS, "null")));
        assertThrows(IllegalStateException.class, () -> check.check(answer(5, FAILING_GROUP, HOSTS, "\"c1\"")));
    }

    @Test
    void anotherUsersEventFails() throws Exception {
        String foreign = "{\"key\":\"t3\",\"error\":false,\"summary\":{\"first\":\"2026-12-06T08:30:00Z\",\"last\":\"2026-12-06T08:30:00Z\"},"
                + "\"events\":[{\"user_id\":\"u-000043\"}]}";
        assertThrows(IllegalStateException.class,
                () -> new TimelineAnswerCheck("u-000042", 3, 100, CPU).check(answer(3, FAILING_GROUP + "," + foreign, HOSTS, "null")));
    }

    @Test
    void aFailingGroupNeedsHostSignalsWithValuesAndAQuietPageNone() throws Exception {
        TimelineAnswerCheck check = new TimelineAnswerCheck("u-000042", 3, 100, CPU);
        assertThrows(IllegalStateException.class, () -> check.check(answer(3, FAILING_GROUP + "," + QUIET_GROUP, "{}", "null")));
        String empty = "{\"web-01\":{\"buckets\":[\"a\",\"b\"],\"host.cpu.utilization\":[null,null]}}";
        assertThrows(IllegalStateException.class, () -> check.check(answer(3, FAILING_GROUP + "," + QUIET_GROUP, empty, "null")));
        assertThrows(IllegalStateException.class,
                () -> new TimelineAnswerCheck("u-000042", 1, 100, CPU).check(answer(1, QUIET_GROUP, HOSTS, "null")));
    }
}
