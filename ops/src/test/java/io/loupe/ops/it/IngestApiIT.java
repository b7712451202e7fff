package io.loupe.ops.it;

import static io.loupe.ops.it.LoupeApi.event;
import static io.loupe.ops.it.LoupeApi.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loupe.ops.it.LoupeApi.Response;
import io.loupe.ops.it.RawHttpConnection.RawResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/logs} against the real server: every status and error body of the contract,
 * per-line errors, the accepted encodings and body shapes, and back-pressure. Limits are set small
 * so each can be reached with a small request; each test tags its events with its own
 * {@code service} so the tests can share one server.
 */
class IngestApiIT {
    private static final int MAX_BODY_BYTES = 65_536;
    private static final int MAX_LINE_BYTES = 512;
    private static final int MAX_FIELDS = 20;
    private static final int MAX_EVENTS = 200;

    @TempDir
    static Path dataDir;
    private static InProcessLoupe loupe;
    private static LoupeApi api;

    @BeforeAll
    static void startServer() throws Exception {
        loupe = InProcessLoupe.start(dataDir, Map.of(
                "ingest.max_body_bytes", Integer.toString(MAX_BODY_BYTES),
                "ingest.max_line_bytes", Integer.toString(MAX_LINE_BYTES),
                "ingest.max_fields_per_event", Integer.toString(MAX_FIELDS),
                "ingest.max_events_per_request", Integer.toString(MAX_EVENTS),
                "ingest.max_in_flight_requests", "1",
                "log.refresh_millis", "50"));
        api = loupe.api();
    }

    @AfterAll
    static void stopServer() {
        if (loupe != null) {
            loupe.close();
        }
    }

    private static String recent() {
        return Instant.now().minusSeconds(60).toString();
    }

    private static Map<String, String> service(String service) {
        return params("q", "service:" + service, "limit", "1000");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(plain);
        }
        return out.toByteArray();
    }

    /**
     * Shows that nothing of {@code service} was stored: a later accepted event of the same service
     * becomes visible alone (a refresh that shows it would show the earlier ones too).
     */
    private static void assertNothingStoredFor(String service) {
        api.ingestAll(event("timestamp", recent(), "service", service, "message", "barrier"));
        JsonNode answer = api.awaitTotal(service(service), 1);
        assertEquals("barrier", answer.path("hits").get(0).path("message").asText());
    }

    @Test
    void unsupportedContentTypeIs415NamingTheTypeAndEchoingTheRequestId() {
        Response response = api.postLogs("", "text/plain", utf8(event("message", "x")), "X-Request-Id", "req-415-type");
        JsonNode error = response.error(415, "UNSUPPORTED_MEDIA_TYPE");
        assertTrue(error.path("message").asText().contains("'text/plain'"), error::toString);
        assertTrue(error.path("message").asText().contains("application/x-ndjson"), error::toString);
        assertEquals("req-415-type", error.path("request_id").asText());
        assertEquals("req-415-type", response.headers().firstValue("X-Request-Id").orElse(null));

        JsonNode noType = api.postLogs("", null, utf8(event("message", "x"))).error(415, "UNSUPPORTED_MEDIA_TYPE");
        assertFalse(noType.path("request_id").asText().isBlank(), "a generated request id: " + noType);
    }

    @Test
    void unsupportedContentEncodingIs415NamingTheEncoding() {
        JsonNode error = api.postLogs("", LoupeApi.NDJSON, utf8(event("message", "x")), "Content-Encoding", "br")
                .error(415, "UNSUPPORTED_ENCODING");
        assertTrue(error.path("message").asText().contains("'br'"), error::toString);
        assertTrue(error.path("message").asText().contains("gzip"), error::toString);
    }

    @Test
    void declaredBodyOverTheLimitIs413NamingTheSettingBeforeTheBodyIsSent() throws IOException {
        try (RawHttpConnection connection = RawHttpConnection.open(InProcessLoupe.HOST, api.port())) {
            connection.sendPostHead("/api/v1/logs", LoupeApi.NDJSON, MAX_BODY_BYTES + 1);
            RawResponse response = connection.readResponse();
            assertEquals(413, response.status(), response::body);
            assertEquals("application/json", response.headers().get("content-type"));
            JsonNode error = LoupeApi.JSON.readTree(response.body()).path("error");
            assertEquals("BODY_TOO_LARGE", error.path("code").asText());
            assertTrue(error.path("message").asText().contains("ingest.max_body_bytes"), error::toString);
            assertTrue(error.path("message").asText().contains(Integer.toString(MAX_BODY_BYTES)), error::toString);
            assertFalse(error.path("request_id").asText().isBlank(), error::toString);
        }
    }

    @Test
    void streamedBodyOverTheLimitIs413NamingTheSetting() {
        StringBuilder body = new StringBuilder();
        while (body.length() <= MAX_BODY_BYTES) {
            body.append(event("timestamp", recent(), "service", "streamed-too-large", "message", "filler")).append('\n');
        }
        byte[] bytes = utf8(body.toString());
        // An input-stream body has no declared length: it is sent chunked and measured while it arrives.
        Response response = api.send(HttpRequest.newBuilder(api.base().resolve("/api/v1/logs"))
                .header("Content-Type", LoupeApi.NDJSON)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
        JsonNode error = response.error(413, "BODY_TOO_LARGE");
        assertTrue(error.path("message").asText().contains("ingest.max_body_bytes"), error::toString);
        assertNothingStoredFor("streamed-too-large");
    }

    @Test
    void gzipBodyThatInflatesPastTheLimitIs413() throws IOException {
        StringBuilder body = new StringBuilder();
        while (body.length() <= 4 * MAX_BODY_BYTES) {
            body.append(event("timestamp", recent(), "service", "gzip-bomb", "message", "same line again")).append('\n');
        }
        byte[] compressed = gzip(utf8(body.toString()));
        assertTrue(compressed.length < MAX_BODY_BYTES, "the compressed body itself is within the limit");
        JsonNode error = api.postLogs("", LoupeApi.NDJSON, compressed, "Content-Encoding", "gzip").error(413, "BODY_TOO_LARGE");
        assertTrue(error.path("message").asText().contains("decompressed"), error::toString);
        assertTrue(error.path("message").asText().contains("ingest.max_body_bytes"), error::toString);
        assertNothingStoredFor("gzip-bomb");
    }

    @Test
    void tooManyEventsIs413AndStoresNoneOfThem() {
        String[] lines = new String[MAX_EVENTS + 1];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = event("timestamp", recent(), "service", "too-many-events", "message", "event " + i);
        }
        JsonNode error = api.ingest(lines).error(413, "TOO_MANY_EVENTS");
        assertTrue(error.path("message").asText().contains("ingest.max_events_per_request"), error::toString);
        assertTrue(error.path("message").asText().contains(Integer.toString(MAX_EVENTS)), error::toString);
        assertNothingStoredFor("too-many-events");
    }

    @Test
    void eachBadLineIsListedWithItsOneBasedLineNumberAndTheGoodLinesAreStored() {
        String service = "bad-lines";
        Map<String, Object> tooManyFields = new java.util.LinkedHashMap<>();
        for (int i = 1; i <= MAX_FIELDS; i++) {
            tooManyFields.put("attr" + i, i);
        }
        String[] lines = {
                event("timestamp", recent(), "service", service, "message", "first good line"),
                "{\"service\": \"" + service + "\", \"message\": ",
                event("timestamp", recent(), "service", service, "message", "second good line"),
                event("timestamp", "yesterday at noon", "service", service),
                "",
                event("timestamp", recent(), "service", service, "kind", "metrics"),
                event("timestamp", recent(), "service", service, "nested", tooManyFields),
                event("timestamp", recent(), "service", service, "message", "x".repeat(MAX_LINE_BYTES)),
                event("timestamp", Instant.now().minus(Duration.ofDays(40)).toString(), "service", service),
                event("timestamp", Instant.now().plus(Duration.ofDays(2)).toString(), "service", service),
                "[1, 2]",
                event("timestamp", recent(), "service", service, "message", "third good line"),
        };
        JsonNode answer = api.ingest(lines).ok();

        assertEquals(3, answer.path("accepted").asInt(), answer::toString);
        assertEquals(8, answer.path("rejected").asInt(), answer::toString);
        List<Integer> lineNumbers = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        answer.path("errors").forEach(error -> {
            lineNumbers.add(error.path("line").asInt());
            codes.add(error.path("code").asText());
        });
        assertEquals(List.of(2, 4, 6, 7, 8, 9, 10, 11), lineNumbers, answer::toString);
        assertEquals(List.of("INVALID_JSON", "INVALID_TIMESTAMP", "INVALID_KIND", "TOO_MANY_FIELDS", "LINE_TOO_LONG",
                "INVALID_TIMESTAMP", "INVALID_TIMESTAMP", "INVALID_JSON"), codes, answer::toString);
        JsonNode errors = answer.path("errors");
        assertTrue(errors.get(1).path("message").asText().contains("'yesterday at noon'"), errors::toString);
        assertTrue(errors.get(2).path("message").asText().contains("'metrics'"), errors::toString);
        assertTrue(errors.get(3).path("message").asText().contains("ingest.max_fields_per_event"), errors::toString);
        assertTrue(errors.get(4).path("message").asText().contains("ingest.max_line_bytes"), errors::toString);
        assertTrue(errors.get(5).path("message").asText().contains("log.retention_days"), errors::toString);
        assertTrue(errors.get(6).path("message").asText().contains("log.max_future_seconds"), errors::toString);

        JsonNode stored = api.awaitTotal(service(service), 3);
        List<String> messages = new ArrayList<>();
        stored.path("hits").forEach(hit -> messages.add(hit.path("message").asText()));
        assertEquals(List.of("first good line", "second good line", "third good line"), messages.stream().sorted().toList());
    }

    @Test
    void moreThanOneHundredBadLinesListsTheFirstHundredButCountsAll() {
        String service = "many-bad-lines";
        List<String> lines = new ArrayList<>();
        lines.add(event("timestamp", recent(), "service", service, "message", "good before"));
        for (int i = 0; i < 150; i++) {
            lines.add("{broken " + i);
        }
        lines.add(event("timestamp", recent(), "service", service, "message", "good after"));
        JsonNode answer = api.ingest(lines.toArray(String[]::new)).ok();

        assertEquals(2, answer.path("accepted").asInt(), answer::toString);
        assertEquals(150, answer.path("rejected").asInt(), answer::toString);
        JsonNode errors = answer.path("errors");
        assertEquals(100, errors.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(i + 2, errors.get(i).path("line").asInt(), "line of error " + i);
            assertEquals("INVALID_JSON", errors.get(i).path("code").asText());
        }
        api.awaitTotal(service(service), 2);
    }

    @Test
    void gzipBodyWithWindowsLineEndingsIsAccepted() throws IOException {
        String service = "gzipped";
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            body.append(event("timestamp", recent(), "service", service, "message", "zipped event " + i)).append("\r\n");
        }
        JsonNode answer = api.postLogs("", LoupeApi.NDJSON, gzip(utf8(body.toString())), "Content-Encoding", "gzip").ok();
        assertEquals(50, answer.path("accepted").asInt(), answer::toString);
        assertEquals(0, answer.path("rejected").asInt(), answer::toString);
        JsonNode found = api.awaitTotal(params("q", "service:" + service + " AND message:\"zipped event 17\""), 1);
        assertEquals("zipped event 17", found.path("hits").get(0).path("message").asText());
        api.awaitTotal(service(service), 50);
    }

    @Test
    void bodyThatIsNotGzipDespiteTheHeaderIs400() {
        JsonNode error = api.postLogs("", LoupeApi.NDJSON, utf8(event("message", "plain")), "Content-Encoding", "gzip")
                .error(400, "INVALID_PARAMETER");
        assertTrue(error.path("message").asText().contains("gzip"), error::toString);
    }

    @Test
    void jsonArrayBodyNumbersErrorsByArrayPosition() {
        String service = "json-array";
        String body = "[" + event("timestamp", recent(), "service", service, "message", "one") + ",\n "
                + event("timestamp", recent(), "service", service, "kind", "nonsense") + ", "
                + event("timestamp", recent(), "service", service, "message", "three") + ",\n"
                + event("timestamp", recent(), "service", service, "message", "y".repeat(MAX_LINE_BYTES)) + "]";
        JsonNode answer = api.postLogs("", "application/json; charset=utf-8", utf8(body)).ok();
        assertEquals(2, answer.path("accepted").asInt(), answer::toString);
        assertEquals(2, answer.path("rejected").asInt(), answer::toString);
        assertEquals(2, answer.path("errors").get(0).path("line").asInt(), answer::toString);
        assertEquals("INVALID_KIND", answer.path("errors").get(0).path("code").asText(), answer::toString);
        assertEquals(4, answer.path("errors").get(1).path("line").asInt(), answer::toString);
        assertEquals("LINE_TOO_LONG", answer.path("errors").get(1).path("code").asText(), answer::toString);
        assertEquals(List.of("one", "three"), messages(api.awaitTotal(service(service), 2)));
    }

    @Test
    void unclosedJsonArrayIs400AndStoresNothing() {
        String body = "[" + event("timestamp", recent(), "service", "broken-array", "message", "one") + ",";
        JsonNode error = api.postLogs("", "application/json", utf8(body)).error(400, "INVALID_JSON");
        assertFalse(error.path("message").asText().isBlank(), error::toString);
        assertNothingStoredFor("broken-array");
    }

    @Test
    void kindParameterIsTheKindOfEventsThatNameNone() {
        String service = "kind-param";
        JsonNode answer = api.postLogs("kind=audit", LoupeApi.NDJSON, utf8(String.join("\n",
                event("timestamp", recent(), "service", service, "actor", "alice", "action", "login"),
                event("timestamp", recent(), "service", service, "actor", "bob", "action", "logout"),
                event("timestamp", recent(), "service", service, "kind", "system", "message", "named its own kind")))).ok();
        assertEquals(3, answer.path("accepted").asInt(), answer::toString);

        JsonNode audit = api.awaitTotal(params("q", "service:" + service, "kind", "audit"), 2);
        audit.path("hits").forEach(hit -> assertEquals("audit", hit.path("kind").asText(), hit::toString));
        JsonNode system = api.awaitTotal(params("q", "service:" + service, "kind", "system"), 1);
        assertEquals("named its own kind", system.path("hits").get(0).path("message").asText());
        assertEquals(0, api.searchOk(params("q", "service:" + service, "kind", "application")).path("total").asLong());
        assertEquals(2, api.searchOk(params("q", "service:" + service + " AND kind:audit")).path("total").asLong());
        assertEquals(3, api.searchOk(params("q", "service:" + service, "kind", "audit,system")).path("total").asLong());
    }

    @Test
    void unknownKindParameterIs400NamingIt() {
        JsonNode error = api.postLogs("kind=metrics", LoupeApi.NDJSON, utf8(event("message", "x"))).error(400, "INVALID_KIND");
        assertTrue(error.path("message").asText().contains("'metrics'"), error::toString);
    }

    /** A request whose body is half sent and holds the only in-flight slot, and an ingest request turned away meanwhile. */
    private record Overload(RawHttpConnection slow, Response refused) {
    }

    /**
     * Starts a request that sends only half its body, then probes with ingest requests until one is
     * answered 429. A probe can overtake the slow request (it may take the slot first and the slow
     * request is the one refused); then the slow request is started again.
     */
    private static Overload overload(byte[] slowBody, String probeService) throws IOException {
        Instant deadline = Instant.now().plus(LoupeApi.VISIBILITY_TIMEOUT);
        RawHttpConnection slow = startSlowRequest(slowBody);
        while (true) {
            Response probe = api.ingest(event("timestamp", recent(), "service", probeService, "message", "probe"));
            if (probe.status() == 429) {
                return new Overload(slow, probe);
            }
            if (slow.hasResponse()) {
                slow.close();
                slow = startSlowRequest(slowBody);
            }
            if (Instant.now().isAfter(deadline)) {
                slow.close();
                throw new AssertionError("no ingest request was answered 429 within " + LoupeApi.VISIBILITY_TIMEOUT.toMillis()
                        + " ms while another held the only slot (ingest.max_in_flight_requests=1); last answer: "
                        + probe.status() + " " + probe.body());
            }
        }
    }

    private static RawHttpConnection startSlowRequest(byte[] body) throws IOException {
        RawHttpConnection slow = RawHttpConnection.open(InProcessLoupe.HOST, api.port());
        slow.sendPostHead("/api/v1/logs", LoupeApi.NDJSON, body.length);
        slow.send(body, 0, body.length / 2);
        return slow;
    }

    @Test
    void requestBeyondTheInFlightLimitIs429WithRetryAfterAndTheSlowOneStillSucceeds() throws IOException {
        byte[] body = utf8(event("timestamp", recent(), "service", "slow-sender", "message", "sent in two halves"));
        Overload overload = overload(body, "overload-probe");
        try (RawHttpConnection slow = overload.slow()) {
            JsonNode error = overload.refused().error(429, "OVERLOADED");
            assertEquals("1", overload.refused().headers().firstValue("Retry-After").orElse(null), "Retry-After header");
            assertTrue(error.path("message").asText().contains("ingest.max_in_flight_requests"), error::toString);

            slow.send(body, body.length / 2, body.length);
            RawResponse finished = slow.readResponse();
            assertEquals(200, finished.status(), finished::body);
            assertEquals(1, LoupeApi.JSON.readTree(finished.body()).path("accepted").asInt(), finished::body);
        }
        api.ingestAll(event("timestamp", recent(), "service", "slow-sender", "message", "after the slow one"));
        api.awaitTotal(service("slow-sender"), 2);
    }

    @Test
    void clientThatHangsUpMidBodyGivesItsSlotBackAndStoresNothingOfThatBody() throws IOException {
        byte[] body = utf8(String.join("\n",
                event("timestamp", recent(), "service", "hang-up", "message", "complete line one of an abandoned body"),
                event("timestamp", recent(), "service", "hang-up", "message", "complete line two of an abandoned body"),
                event("timestamp", recent(), "service", "hang-up", "message", "line three, the half that is sent ends here")
                        + " ".repeat(200)));
        Overload overload = overload(body, "hang-up-probe");
        overload.slow().close();

        Instant deadline = Instant.now().plus(LoupeApi.VISIBILITY_TIMEOUT);
        Response after;
        do {
            after = api.ingest(event("timestamp", recent(), "service", "hang-up", "message", "after the hang-up"));
        } while (after.status() == 429 && Instant.now().isBefore(deadline));
        Response last = after;
        assertEquals(200, last.status(), () -> "the slot of a request whose client hung up is free again: " + last.body());
        JsonNode stored = api.awaitTotal(service("hang-up"), 1);
        assertEquals("after the hang-up", stored.path("hits").get(0).path("message").asText());
    }

    @Test
    void unknownRouteIs404AndWrongMethodIs405WithTheErrorBody() {
        JsonNode notFound = api.get("/api/v1/nope").error(404, "NOT_FOUND");
        assertTrue(notFound.path("message").asText().contains("GET /api/v1/nope"), notFound::toString);
        assertFalse(notFound.path("request_id").asText().isBlank(), notFound::toString);

        JsonNode wrongMethod = api.get("/api/v1/logs").error(405, "METHOD_NOT_ALLOWED");
        assertTrue(wrongMethod.path("message").asText().contains("GET"), wrongMethod::toString);
    }

    @Test
    void levelSpellingsAreNormalised() {
        String service = "levels";
        api.ingestAll(
                event("timestamp", recent(), "service", service, "level", "WARNING", "message", "warning spelled out"),
                event("timestamp", recent(), "service", service, "level", "E", "message", "one letter error"),
                event("timestamp", recent(), "service", service, "level", 50, "message", "pino error"),
                event("timestamp", recent(), "service", service, "level", "Info", "message", "capitalised info"),
                event("timestamp", recent(), "service", service, "level", "notice", "message", "syslog notice"),
                event("timestamp", recent(), "service", service, "level", "Custom", "message", "unknown word"));

        JsonNode all = api.awaitTotal(params("q", "service:" + service, "facets", "level"), 6);
        List<String> facet = new ArrayList<>();
        all.path("facets").path("level").forEach(value -> facet.add(value.path("value").asText() + "=" + value.path("count").asLong()));
        assertEquals(List.of("error=2", "info=2", "custom=1", "warn=1"), facet, all::toString);

        JsonNode warn = api.searchOk(params("q", "service:" + service + " AND level:WARN"));
        assertEquals(1, warn.path("total").asLong(), warn::toString);
        assertEquals("warn", warn.path("hits").get(0).path("level").asText());
        assertEquals("warning spelled out", warn.path("hits").get(0).path("message").asText());
        JsonNode error = api.searchOk(params("q", "service:" + service + " AND level:error"));
        assertEquals(List.of("one letter error", "pino error"), messages(error));
    }

    private static List<String> messages(JsonNode answer) {
        List<String> messages = new ArrayList<>();
        answer.path("hits").forEach(hit -> messages.add(hit.path("message").asText()));
        return messages.stream().sorted().toList();
    }
}
