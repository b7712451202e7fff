package io.loupe.ops.it;

import static io.loupe.ops.it.LoupeApi.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines the shipper tests give a real shipper, and the check that Loupe stored each of them:
 * {@value #LINES} RFC 5424 lines for an app, host {@code web-<i % 4>}, severity err for every fifth
 * line and info otherwise, message {@code order <i> of <app> done}.
 */
final class ShippedLines {
    static final int LINES = 40;
    static final Duration WAIT = Duration.ofSeconds(30);

    private ShippedLines() {
    }

    /**
     * The RFC 5424 lines for {@code app}, without line ends, timestamps of whole seconds starting now
     * (rsyslog 8.2302 mangles a fraction with leading zeros such as .005 when it writes RFC 5424).
     */
    static List<String> rfc5424(String app) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            int priority = 8 + (i % 5 == 0 ? 3 : 6);
            lines.add("<" + priority + ">1 " + now.plusSeconds(i % 2) + " " + host(i) + " " + app + " 4242 - - " + message(i, app));
        }
        return lines;
    }

    static String host(int i) {
        return "web-" + (i % 4);
    }

    static String message(int i, String app) {
        return "order " + i + " of " + app + " done";
    }

    /** Writes the lines of {@code app} newline-framed to the TCP input on {@code port} of 127.0.0.1. */
    static void send(int port, String app) throws IOException {
        StringBuilder text = new StringBuilder();
        rfc5424(app).forEach(line -> text.append(line).append('\n'));
        try (Socket socket = new Socket(InProcessLoupe.HOST, port); OutputStream out = socket.getOutputStream()) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Waits until every line of {@code app} is searchable, then checks each one's host, level and message. */
    static void assertEveryLineSearchable(LoupeApi api, ExternalAgent shipper, String app) {
        Map<String, String> query = params("q", "\"of " + app + " done\"", "limit", "1000");
        JsonNode answer = ExternalAgent.eventually(WAIT, LINES + " events of " + app + " (output of " + shipper + ":\n" + shipper.output() + ")",
                () -> api.searchOk(query), result -> result.path("total").asInt() >= LINES);
        assertEquals(LINES, answer.path("total").asInt(), answer::toString);
        Map<String, JsonNode> byMessage = new HashMap<>();
        answer.path("hits").forEach(hit -> byMessage.put(hit.path("message").asText().strip(), hit));
        for (int i = 0; i < LINES; i++) {
            JsonNode hit = byMessage.get(message(i, app));
            assertNotNull(hit, "line " + i + " is not among " + byMessage.keySet());
            assertEquals(host(i), hit.path("host").asText(), hit::toString);
            assertEquals(i % 5 == 0 ? "error" : "info", hit.path("level").asText(), hit::toString);
        }
    }
}
