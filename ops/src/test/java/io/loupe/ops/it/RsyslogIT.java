package io.loupe.ops.it;

import static io.loupe.ops.it.LoupeApi.params;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code rsyslogd} (own configuration, work directory and pid file, free loopback ports) given
 * RFC 5424 lines on its TCP input and forwarding them to Loupe: through omelasticsearch to
 * {@code _bulk}, every line is searchable with the host, level and message it was given; over TCP
 * syslog while Loupe restarts, no line rsyslog took is missing afterwards. (Plain TCP and UDP
 * forwarding: {@link SyslogIT}.)
 */
class RsyslogIT {
    @TempDir
    Path temp;
    private InProcessLoupe loupe;
    private ExternalAgent rsyslog;
    private final int syslogPort = ExternalAgent.freePort();
    private final Map<String, String> settings = Map.of("log.refresh_millis", "50", "syslog.tcp_port", Integer.toString(syslogPort));

    @BeforeEach
    void startLoupe() throws Exception {
        ExternalAgent.assumeInstalled(ExternalAgent.RSYSLOGD, "rsyslog");
        loupe = InProcessLoupe.start(temp.resolve("loupe"), settings);
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
        ShippedLines.send(rsyslog.port(), "es-app");
        ShippedLines.assertEveryLineSearchable(loupe.api(), rsyslog, "es-app");
    }

    @Test
    void nothingRsyslogTookIsMissingAfterLoupeRestartsWhileItForwards() throws Exception {
        rsyslog = ExternalAgent.startRsyslog(temp.resolve("rsyslog"), """
                ruleset(name="forward") {
                  action(type="omfwd" target="%s" port="%d" protocol="tcp" tcp_framing="octet-counted"
                         template="RSYSLOG_SyslogProtocol23Format" queue.type="LinkedList" queue.size="100000"
                         action.resumeRetryCount="-1" action.resumeInterval="1")
                }
                """.formatted(InProcessLoupe.HOST, syslogPort));
        int lines = 3000;
        Thread feeder = Thread.ofPlatform().start(() -> feed(rsyslog.port(), lines));
        LoupeApi.pause(800);
        loupe.close();
        LoupeApi.pause(1500);
        loupe = InProcessLoupe.start(temp.resolve("loupe"), settings);
        feeder.join();
        LoupeApi api = loupe.api();
        Map<String, String> query = params("q", "service:restart-app", "limit", "0", "from", "now-1h");
        JsonNode answer = ExternalAgent.eventually(Duration.ofSeconds(60), lines + " events after the restart (rsyslog output:\n"
                + rsyslog.output() + ")", () -> api.searchOk(query), result -> result.path("total").asInt() >= lines);
        Set<String> seen = new HashSet<>();
        String cursor = null;
        do {
            Map<String, String> page = params("q", "service:restart-app", "limit", "1000", "from", "now-1h");
            if (cursor != null) {
                page.put("cursor", cursor);
            }
            JsonNode result = api.searchOk(page);
            result.path("hits").forEach(hit -> seen.add(hit.path("message").asText()));
            cursor = result.path("next_cursor").isTextual() ? result.path("next_cursor").asText() : null;
        } while (cursor != null);
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            if (!seen.contains("restart line " + i)) {
                missing.add(i);
            }
        }
        assertTrue(missing.isEmpty(), "lines missing after the restart: " + missing + "; " + seen.size() + " distinct lines of "
                + lines + " stored, total " + answer.path("total") + "; rsyslog output:\n" + rsyslog.output());
    }

    /**
     * Writes {@code lines} RFC 5424 lines to rsyslog's input, about one a millisecond. Timestamps are
     * whole seconds: rsyslog 8.2302 mangles a fraction with leading zeros (.000011) when it writes RFC 5424.
     */
    private static void feed(int port, int lines) {
        try (Socket socket = new Socket(InProcessLoupe.HOST, port); OutputStream out = socket.getOutputStream()) {
            for (int i = 0; i < lines; i++) {
                out.write(("<14>1 " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " web-r restart-app - - - restart line " + i + "\n").getBytes(StandardCharsets.UTF_8));
                if (i % 10 == 9) {
                    out.flush();
                    Thread.sleep(10);
                }
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("feeding rsyslog failed", e);
        }
    }
}
