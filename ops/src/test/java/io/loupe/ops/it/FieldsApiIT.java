package io.loupe.ops.it;

import static io.loupe.ops.it.LoupeApi.event;
import static io.loupe.ops.it.LoupeApi.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/v1/fields} and {@code /api/v1/fields/{name}/values} against the real server. */
class FieldsApiIT {
    @TempDir
    static Path dataDir;
    private static InProcessLoupe loupe;
    private static LoupeApi api;

    @BeforeAll
    static void startServerWithEvents() throws Exception {
        loupe = InProcessLoupe.start(dataDir, Map.of());
        api = loupe.api();
        String at = Instant.now().minus(Duration.ofMinutes(10)).toString();
        api.ingestAll(
                event("timestamp", at, "host", "web-1", "service", "checkout", "level", "error", "message", "card declined",
                        "trace_id", "t-1", "http", Map.of("status", 500), "duration_ms", 12.5),
                event("timestamp", at, "host", "web-1", "service", "checkout", "level", "error", "message", "card declined",
                        "trace_id", "t-2", "http", Map.of("status", "500")),
                event("timestamp", at, "host", "web-2", "service", "checkout", "level", "info", "message", "ok",
                        "http", Map.of("status", 200)),
                event("timestamp", at, "host", "web-3", "service", "search", "level", "error", "message", "timeout",
                        "http", Map.of("status", 504)));
        api.postLogs("kind=audit", LoupeApi.NDJSON, event("timestamp", at, "actor", "alice", "action", "login", "outcome", "success")
                .getBytes(StandardCharsets.UTF_8)).ok();
        api.awaitTotal(params(), 5);
    }

    @AfterAll
    static void stopServer() {
        if (loupe != null) {
            loupe.close();
        }
    }

    @Test
    void listsTheFieldsOfTheRangeWithTypesCountsAndCardinality() {
        Map<String, JsonNode> fields = byNameAndType(api.get("/api/v1/fields?kind=application").ok());
        Set<String> expected = Set.of("timestamp/timestamp", "kind/keyword", "message/text", "host/keyword", "service/keyword",
                "level/keyword", "trace_id/keyword", "attributes.http.status/long", "attributes.http.status/keyword",
                "attributes.duration_ms/double");
        assertEquals(new TreeSet<>(expected), new TreeSet<>(fields.keySet()), "application fields, none internal, none of audit");

        JsonNode host = fields.get("host/keyword");
        assertEquals(4, host.path("documents").asLong());
        assertEquals(3, host.path("cardinality").asLong());
        assertTrue(host.path("aggregatable").asBoolean());
        assertFalse(host.has("cardinality_capped"));
        assertEquals(3, fields.get("attributes.http.status/long").path("documents").asLong());
        assertFalse(fields.get("attributes.http.status/long").has("cardinality"), "numbers are not counted");
        assertEquals(1, fields.get("attributes.http.status/keyword").path("cardinality").asLong());
        assertFalse(fields.get("trace_id/keyword").path("aggregatable").asBoolean(), "lookup-only ids have no values to count");
        assertFalse(fields.get("message/text").path("aggregatable").asBoolean());

        Map<String, JsonNode> audit = byNameAndType(api.get("/api/v1/fields?kind=audit").ok());
        assertTrue(audit.containsKey("actor/keyword") && !audit.containsKey("host/keyword"), audit.keySet().toString());
        assertEquals(0, api.get("/api/v1/fields?from=now-10d&to=now-9d").ok().path("fields").size(),
                "only partitions that overlap the range are read");
        api.get("/api/v1/fields?from=now&to=now-1h").error(400, "INVALID_PARAMETER");
        api.get("/api/v1/fields?kind=metrics").error(400, "INVALID_KIND");
    }

    @Test
    void topValuesCountTheMatchingEvents() {
        JsonNode hosts = api.get("/api/v1/fields/host/values?q=level:error").ok();
        assertEquals("host", hosts.path("field").asText());
        assertEquals(3, hosts.path("total").asLong(), "matching events");
        assertEquals(List.of("web-1=2", "web-3=1"), values(hosts));

        JsonNode statuses = api.get("/api/v1/fields/attributes.http.status/values").ok();
        assertEquals(List.of("500=2", "200=1", "504=1"), values(statuses), "500 as a number and as a string is one value");
        assertEquals(values(statuses), values(api.get("/api/v1/fields/http.status/values").ok()), "attributes. is optional");
        assertEquals(List.of("500=2"), values(api.get("/api/v1/fields/http.status/values?limit=1").ok()));
        assertEquals(List.of(), values(api.get("/api/v1/fields/no_such_field/values").ok()), "a field nobody sent has no values");
        assertEquals(List.of("alice=1"), values(api.get("/api/v1/fields/actor/values?kind=audit").ok()));
    }

    @Test
    void fieldsWithoutValuesAreRefusedWithTheReason() {
        assertTrue(api.get("/api/v1/fields/message/values").error(400, "INVALID_PARAMETER").path("message").asText()
                .contains("it is full text"));
        assertTrue(api.get("/api/v1/fields/trace_id/values").error(400, "INVALID_PARAMETER").path("message").asText()
                .contains("indexed for exact lookup only"));
        assertTrue(api.get("/api/v1/fields/timestamp/values").error(400, "INVALID_PARAMETER").path("message").asText()
                .contains("histogram"));
        assertEquals("parameter 'limit' must be a whole number from 1 to 1000, got '0'",
                api.get("/api/v1/fields/host/values?limit=0").error(400, "INVALID_PARAMETER").path("message").asText());
        api.get("/api/v1/fields/host/values?q=level:(error").error(400, "INVALID_QUERY");
    }

    private static Map<String, JsonNode> byNameAndType(JsonNode answer) {
        Map<String, JsonNode> fields = new HashMap<>();
        for (JsonNode field : answer.path("fields")) {
            fields.put(field.path("name").asText() + "/" + field.path("type").asText(), field);
        }
        return fields;
    }

    private static List<String> values(JsonNode answer) {
        return StreamSupport.stream(answer.path("values").spliterator(), false)
                .map(v -> v.path("value").asText() + "=" + v.path("count").asLong()).toList();
    }
}
