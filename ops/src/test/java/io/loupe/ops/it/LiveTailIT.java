package io.loupe.ops.it;

import static io.loupe.ops.it.LoupeApi.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.loupe.ops.it.SseClient.Event;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/tail} against the real server with a real HTTP client reading server-sent
 * events: what arrives, how fast, in which order, how a tail resumes, and what happens to a client
 * that does not read, to one tail too many, and to open tails when the server stops. Each test tails
 * its own {@code service}.
 */
class LiveTailIT {
    private static final Duration ARRIVAL = Duration.ofSeconds(1);
    private static final int MAX_TAILS = 3;

    @TempDir
    static Path dataDir;
    private static InProcessLoupe loupe;
    private static LoupeApi api;

    @BeforeAll
    static void startServer() throws Exception {
        loupe = InProcessLoupe.start(dataDir, Map.of("search.max_tails", Integer.toString(MAX_TAILS),
                "search.tail_heartbeat_seconds", "1", "search.tail_slow_client_seconds", "2",
                "search.tail_max_buffer_bytes", "65536", "search.tail_max_events_per_second", "4000"));
        api = loupe.api();
    }

    @AfterAll
    static void stopServer() {
        if (loupe != null) {
            loupe.close();
        }
    }

    @Test
    void newMatchingEventsArriveWithinASecondInOrderAndOthersDoNot() throws Exception {
        try (SseClient tail = open(api, "service:tail-order AND level:error")) {
            assertEquals(200, tail.status());
            assertEquals("text/event-stream; charset=utf-8", tail.headers().firstValue("content-type").orElse(""));
            List<String> expected = new ArrayList<>();
            List<Long> ackedAt = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                api.ingestAll(event("service", "tail-order", "level", "error", "message", "first " + round),
                        event("service", "tail-order", "level", "info", "message", "not an error " + round),
                        event("service", "elsewhere", "level", "error", "message", "other service " + round),
                        event("service", "tail-order", "level", "error", "message", "second " + round));
                long acked = System.nanoTime();
                expected.add("first " + round);
                expected.add("second " + round);
                ackedAt.add(acked);
                ackedAt.add(acked);
                LoupeApi.pause(300);
            }
            long previousId = -1;
            for (int i = 0; i < expected.size(); i++) {
                Event log = nextOfType(tail, "log", Duration.ofSeconds(5));
                JsonNode hit = log.json();
                assertEquals(expected.get(i), hit.path("message").asText(), "arrival order, matching events only");
                assertEquals("tail-order", hit.path("service").asText());
                assertEquals(log.id(), hit.path("id").asText(), "the SSE id is the event id");
                assertTrue(hit.path("timestamp").asText().endsWith("Z"), "rendered as a search hit: " + hit);
                long id = Long.parseLong(log.id());
                assertTrue(id > previousId, "ids ascend");
                previousId = id;
                long millis = (log.receivedNanos() - ackedAt.get(i)) / 1_000_000;
                assertTrue(millis <= ARRIVAL.toMillis(), expected.get(i) + " arrived " + millis + " ms after its ingest was acknowledged");
            }
            api.ingestAll(event("service", "tail-order", "level", "error", "message", "sentinel"));
            assertEquals("sentinel", nextOfType(tail, "log", Duration.ofSeconds(5)).json().path("message").asText(),
                    "nothing that does not match came in between");
        }
    }

    @Test
    void aTailResumesAfterLastEventIdWithoutRepeatsOrGaps() throws Exception {
        String second;
        try (SseClient tail = open(api, "service:tail-resume")) {
            api.ingestAll(event("service", "tail-resume", "message", "one"), event("service", "tail-resume", "message", "two"));
            assertEquals("one", nextOfType(tail, "log", Duration.ofSeconds(5)).json().path("message").asText());
            second = nextOfType(tail, "log", Duration.ofSeconds(5)).id();
        }
        api.ingestAll(event("service", "tail-resume", "message", "three"));
        api.ingestAll(event("service", "tail-resume", "message", "four"));
        api.awaitTotal(LoupeApi.params("q", "service:tail-resume"), 4);
        try (SseClient resumed = open(api, "service:tail-resume", "Last-Event-ID", second)) {
            assertEquals("three", nextOfType(resumed, "log", Duration.ofSeconds(5)).json().path("message").asText());
            assertEquals("four", nextOfType(resumed, "log", Duration.ofSeconds(5)).json().path("message").asText());
            api.ingestAll(event("service", "tail-resume", "message", "five"));
            assertEquals("five", nextOfType(resumed, "log", Duration.ofSeconds(5)).json().path("message").asText());
        }
        try (SseClient byParameter = SseClient.open(tailUri(api, "service:tail-resume", "&last_event_id=" + second))) {
            assertEquals("three", nextOfType(byParameter, "log", Duration.ofSeconds(5)).json().path("message").asText());
        }
    }

    @Test
    void anIdleTailSendsHeartbeats() throws Exception {
        try (SseClient tail = open(api, "service:tail-idle")) {
            LoupeApi.pause(2500);
            assertTrue(tail.comments().contains("heartbeat"), "comments: " + tail.comments());
            assertEquals(null, tail.next(Duration.ZERO), "no event for an idle tail");
        }
    }

    @Test
    void oneTailTooManyIsAnswered429UntilAnotherCloses() throws Exception {
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_TAILS; i++) {
                open.add(open(api, "service:tail-limit"));
                assertEquals(200, open.getLast().status());
            }
            try (SseClient refused = open(api, "service:tail-limit")) {
                JsonNode error = refused.refusal().error(429, "OVERLOADED");
                assertEquals("at most " + MAX_TAILS + " live tails are open at once (search.max_tails); close one or retry later",
                        error.path("message").asText());
                assertEquals("1", refused.headers().firstValue("retry-after").orElse(""));
            }
            open.removeFirst().close();
            try (SseClient again = awaitOpen("service:tail-limit")) {
                assertEquals(200, again.status(), "a closed tail frees its place");
            }
        } finally {
            for (SseClient client : open) {
                client.close();
            }
        }
    }

    /**
     * A client that never reads: the kernel buffers fill, then the server's bounded queue, then the
     * tail stops polling and after search.tail_slow_client_seconds ends with event: closed. The
     * client gets far less than the stream would have been: the server did not buffer the rest.
     */
    @Test
    void aClientThatNeverReadsIsDroppedWithAFinalEventAndBoundedBuffering() throws Exception {
        List<SseClient> others = new ArrayList<>();
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(8192);
            stalled.connect(new InetSocketAddress(InProcessLoupe.HOST, api.port()));
            stalled.setSoTimeout(10_000);
            stalled.getOutputStream().write(("GET /api/v1/tail?q=" + URLEncoder.encode("service:tail-slow", StandardCharsets.UTF_8)
                    + " HTTP/1.1\r\nHost: " + InProcessLoupe.HOST + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int i = 1; i < MAX_TAILS; i++) {
                others.add(open(api, "service:tail-slow-idle")); // the places left, so a free place shows the slow one ended
            }
            String padding = "x".repeat(300);
            long framesBytes = 0;
            int batches = 0;
            boolean dropped = false;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!dropped || batches < 60) {
                String[] lines = new String[1000];
                for (int i = 0; i < lines.length; i++) {
                    lines[i] = event("service", "tail-slow", "message", "line " + batches + "-" + i + " " + padding);
                    framesBytes += lines[i].length();
                }
                api.ingestAll(lines);
                batches++;
                if (!dropped && batches % 5 == 0) {
                    dropped = placeIsFree();
                }
                if (System.nanoTime() > deadline) {
                    fail("the stalled tail was not dropped within 60 s (" + batches + " batches ingested)");
                }
            }
            byte[] received = readThroughClosedEvent(stalled.getInputStream());
            String text = new String(received, StandardCharsets.UTF_8);
            int closed = text.lastIndexOf("event: closed\ndata: ");
            assertTrue(closed > 0, "the stream ends with event: closed; its last 300 bytes: "
                    + text.substring(Math.max(0, text.length() - 300)));
            String reason = LoupeApi.JSON.readTree(text.substring(closed + "event: closed\ndata: ".length()).lines().findFirst()
                    .orElseThrow()).path("reason").asText();
            assertTrue(reason.startsWith("client too slow: more than 65536 bytes (search.tail_max_buffer_bytes) stayed unread for 2 s"),
                    reason);
            assertTrue(received.length < framesBytes / 3, "the client got " + received.length + " bytes of a stream of at least "
                    + framesBytes + ": the server must not buffer for a client that does not read");
            api.searchOk(LoupeApi.params("q", "service:tail-slow", "limit", "0"));
        } finally {
            for (SseClient client : others) {
                client.close();
            }
        }
    }

    @Test
    void aStoppingServerEndsItsTailsAtOnce(@TempDir Path otherDataDir) throws Exception {
        InProcessLoupe stopping = InProcessLoupe.start(otherDataDir, Map.of());
        try (SseClient tail = open(stopping.api(), "*")) {
            assertEquals(200, tail.status());
            long started = System.nanoTime();
            CompletableFuture<Void> stop = CompletableFuture.runAsync(stopping::close);
            Event closed = nextOfType(tail, "closed", Duration.ofSeconds(10));
            assertTrue(closed.json().path("reason").asText().startsWith("server stopping"), closed.data());
            stop.get();
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis < 10_000, "the stop took " + millis + " ms; an open tail must not hold it for http.shutdown_seconds");
        }
    }

    @Test
    void moreEventsThanThePerSecondLimitAreReportedAsDropped(@TempDir Path otherDataDir) throws Exception {
        try (InProcessLoupe limited = InProcessLoupe.start(otherDataDir, Map.of("search.tail_max_events_per_second", "20"));
             SseClient tail = open(limited.api(), "service:burst")) {
            String[] burst = new String[40];
            for (int i = 0; i < burst.length; i++) {
                burst[i] = event("service", "burst", "message", "burst " + i);
            }
            limited.api().ingestAll(burst);
            Event dropped = nextOfType(tail, "dropped", Duration.ofSeconds(5));
            assertEquals(35, dropped.json().path("dropped").asLong(), dropped.data());
            assertTrue(dropped.json().path("reason").asText().contains("search.tail_max_events_per_second = 20"), dropped.data());
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Event log = nextOfType(tail, "log", Duration.ofSeconds(5));
                sent.add(log.json().path("message").asText());
                if (i == 0) {
                    assertEquals(Long.parseLong(log.id()) - 1, Long.parseLong(dropped.id()), "resuming after dropped skips only the dropped");
                }
            }
            assertEquals(List.of("burst 35", "burst 36", "burst 37", "burst 38", "burst 39"), sent, "the newest are sent");
        }
    }

    private static SseClient open(LoupeApi server, String query, String... headers) throws IOException, InterruptedException {
        return SseClient.open(tailUri(server, query, ""), headers);
    }

    private static URI tailUri(LoupeApi server, String query, String more) {
        return server.base().resolve("/api/v1/tail?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + more);
    }

    /** Opens a tail, retrying while the server still counts a just-closed one. */
    private static SseClient awaitOpen(String query) throws Exception {
        long deadline = System.nanoTime() + LoupeApi.VISIBILITY_TIMEOUT.toNanos();
        while (true) {
            SseClient client = open(api, query);
            if (client.status() == 200 || System.nanoTime() > deadline) {
                return client;
            }
            client.close();
            LoupeApi.pause(50);
        }
    }

    private static boolean placeIsFree() throws Exception {
        try (SseClient probe = open(api, "service:tail-probe")) {
            return probe.status() == 200;
        }
    }

    private static Event nextOfType(SseClient tail, String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Event event = tail.next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            assertNotNull(event, "no event: " + type + " within " + timeout.toMillis() + " ms");
            if (event.type().equals(type)) {
                return event;
            }
            assertTrue(event.type().equals("dropped") || event.type().equals("log"), "unexpected event " + event);
            if (!type.equals("closed")) {
                fail("expected event: " + type + ", got " + event);
            }
        }
    }

    /** Reads the raw response (the connection stays open for the next request after a stream ends) through its closed event. */
    private static byte[] readThroughClosedEvent(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        byte[] closed = "event: closed\ndata: ".getBytes(StandardCharsets.US_ASCII);
        int read;
        while ((read = in.read(buffer)) >= 0) {
            out.write(buffer, 0, read);
            String tail = new String(out.toByteArray(), Math.max(0, out.size() - 4096), Math.min(out.size(), 4096), StandardCharsets.UTF_8);
            int at = tail.lastIndexOf(new String(closed, StandardCharsets.US_ASCII));
            if (at >= 0 && tail.indexOf("\n\n", at) > 0) {
                break;
            }
        }
        return out.toByteArray();
    }
}
