package io.loupe.ops.it;

import static io.loupe.ops.it.LoupeApi.params;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code rsyslogd} (own configuration, work directory and pid file, free loopback ports) given
 * RFC 5424 lines on its TCP input and forwarding them to Loupe: every line is searchable with the
 * host, level and message it was given.
 */
class RsyslogIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int LINES = 40;

    @TempDir
    Path temp;
    private InProcessLoupe loupe;
    private ExternalAgent rsyslog;

    @BeforeEach
    void startLoupe() throws Exception {
        ExternalAgent.assumeInstalled(ExternalAgent.RSYSLOGD, "rsyslog");
        loupe = InProcessLoupe.start(temp.resolve("loupe"), Map.of("log.refresh_millis", "50"));
    }

    @AfterEach
    void stopEverything() {
        try {
            if (rsyslog != null) {
                rsyslog.close();
            }
        } finally {
            if (loupe != null) {
                loupe.close();
            }
        }
    }

    @Test
    void omelasticsearchBulkModeDeliversEveryLineToBulk() throws Exception {
        ExternalAgent.assumeInstalled(Path.of("/usr/lib/x86_64-linux-gnu/rsyslog/omelasticsearch.so"), "rsyslog-elasticsearch");
        rsyslog = ExternalAgent.startRsyslog(temp.resolve("rsyslog"), """
                module(load="omelasticsearch")
                ruleset(name="forward") {
                  action(type="omelasticsearch" server="%s" serverport="%d" searchIndex="rsyslog-it" bulkmode="on"
                         errorFile="%s" action.resumeRetryCount="-1" action.resumeInterval="1")
                }
                """.formatted(InProcessLoupe.HOST, loupe.api().port(), temp.resolve("rsyslog").resolve("es-errors.json")));
        sendLines(rsyslog.port(), "es-app");
        assertEveryLineSearchable("es-app");
    }

    /**
     * Writes {@value #LINES} RFC 5424 lines (newline framed) to rsyslog's TCP input: host
     * {@code web-<i % 4>}, app {@code app}, severity err for every fifth line, else info.
     */
    static void sendLines(int port, String app) throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < LINES; i++) {
            int priority = 8 + (i % 5 == 0 ? 3 : 6);
            lines.append('<').append(priority).append(">1 ").append(now.plusMillis(i)).append(" web-").append(i % 4)
                    .append(' ').append(app).append(" 4242 - - order ").append(i).append(" of ").append(app).append(" done\n");
        }
        try (Socket socket = new Socket(InProcessLoupe.HOST, port); OutputStream out = socket.getOutputStream()) {
            out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Every line {@link #sendLines} wrote for {@code app} is stored with its host, level and message. */
    void assertEveryLineSearchable(String app) {
        LoupeApi api = loupe.api();
        Map<String, String> query = params("q", "\"of " + app + " done\"", "limit", "1000");
        JsonNode answer = ExternalAgent.eventually(WAIT, LINES + " events of " + app + " (rsyslog output:\n" + rsyslog.output() + ")",
                () -> api.searchOk(query), result -> result.path("total").asInt() >= LINES);
        assertEquals(LINES, answer.path("total").asInt(), answer::toString);
        Map<String, JsonNode> byMessage = new HashMap<>();
        answer.path("hits").forEach(hit -> byMessage.put(hit.path("message").asText().strip(), hit));
        for (int i = 0; i < LINES; i++) {
            JsonNode hit = byMessage.get("order " + i + " of " + app + " done");
            String line = "line " + i + " in " + byMessage.keySet();
            org.junit.jupiter.api.Assertions.assertNotNull(hit, line);
            assertEquals("web-" + (i % 4), hit.path("host").asText(), () -> hit.toString());
            assertEquals(i % 5 == 0 ? "error" : "info", hit.path("level").asText(), () -> hit.toString());
        }
    }
}
