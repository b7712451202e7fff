package io.loupe.ops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorrelationAnswerCheckTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CorrelationAnswerCheck CHECK = new CorrelationAnswerCheck(List.of("host.cpu.utilization", "host.load.1m"), 5);

    private static JsonNode answer(String hosts) throws Exception {
        return JSON.readTree("{\"total\":12,\"buckets\":[\"a\",\"b\",\"c\"],\"hosts\":[" + hosts + "],\"findings\":[],\"took_ms\":9}");
    }

    private static String host(String name, int hits, String histogram, String errors, String cpu) {
        return "{\"host\":\"" + name + "\",\"hits\":" + hits + ",\"histogram\":" + histogram + ",\"errors\":" + errors
                + ",\"signals\":{\"host.cpu.utilization\":" + cpu + ",\"host.load.1m\":[0.5,null,0.7]}}";
    }

    @Test
    void consistentHostsWithSignalValuesPass() throws Exception {
        AnswerCheck.Outcome outcome = CHECK.check(answer(host("web-01", 7, "[2,2,3]", "[0,1,0]", "[0.2,null,0.3]") + ","
                + host("db-01", 4, "[1,2,1]", "[0,0,0]", "[0.1,0.1,0.1]")));
        assertEquals(new AnswerCheck.Outcome(12, 2, 9), outcome);
    }

    @Test
    void aHistogramThatDoesNotAddUpToTheHitsFails() throws Exception {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CHECK.check(answer(host("web-01", 7, "[2,2,2]", "[0,0,0]", "[0.2,0.2,0.3]"))));
        assertTrue(e.getMessage().contains("web-01 has 7 hits but its histogram counts 6"), e.getMessage());
    }

    @Test
    void moreErrorsThanHitsInABucketFails() throws Exception {
        assertThrows(IllegalStateException.class, () -> CHECK.check(answer(host("web-01", 7, "[2,2,3]", "[3,0,0]", "[0.2,0.2,0.3]"))));
    }

    @Test
    void aSignalWithoutAnyValueFailsSinceEveryHostHasMetrics() throws Exception {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CHECK.check(answer(host("web-01", 7, "[2,2,3]", "[0,0,0]", "[null,null,null]"))));
        assertTrue(e.getMessage().contains("no value of host.cpu.utilization"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> CHECK.check(answer(host("web-01", 7, "[2,2,3]", "[0,0,0]", "[0.1,0.2]"))));
    }

    @Test
    void hostsOutOfOrderOrMoreHitsThanTheTotalFail() throws Exception {
        assertThrows(IllegalStateException.class, () -> CHECK.check(answer(host("db-01", 4, "[1,2,1]", "[0,0,0]", "[0.1,0.1,0.1]") + ","
                + host("web-01", 7, "[2,2,3]", "[0,1,0]", "[0.2,null,0.3]"))));
        assertThrows(IllegalStateException.class, () -> CHECK.check(answer(host("web-01", 7, "[2,2,3]", "[0,1,0]", "[0.2,null,0.3]") + ","
                + host("db-01", 6, "[2,2,2]", "[0,0,0]", "[0.1,0.1,0.1]"))));
        assertThrows(IllegalStateException.class, () -> CHECK.check(answer("")));
    }
}
