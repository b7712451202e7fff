package io.loupe.ops.it;

import static io.loupe.ops.it.LoupeApi.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loupe.ingest.wire.ProtobufWriter;
import io.loupe.ops.it.LoupeApi.Response;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xerial.snappy.Snappy;

/**
 * The Loki push API against the real server, as Promtail and Alloy send it (snappy-compressed
 * protobuf) and as curl or Grafana's clients send it (JSON): 204 when every entry is stored, 400
 * naming the rejected entries when some are not, after storing the rest.
 */
class LokiPushIT {
    @TempDir
    static Path dataDir;
    private static InProcessLoupe loupe;
    private static LoupeApi api;

    @BeforeAll
    static void startServer() throws Exception {
        loupe = InProcessLoupe.start(dataDir, Map.of("log.refresh_millis", "50"));
        api = loupe.api();
    }

    @AfterAll
    static void stopServer() {
        if (loupe != null) {
            loupe.close();
        }
    }

    private static Response push(String contentType, byte[] body) {
        return api.send(HttpRequest.newBuilder(api.base().resolve("/loki/api/v1/push")).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    @Test
    void snappyProtobufAsPromtailSendsItMapsLabelsAndMetadata() throws IOException {
        Instant now = Instant.now();
        ProtobufWriter stream = new ProtobufWriter().writeStringField(1, "{service_name=\"promtail-app\", hostname=\"node-7\", level=\"warn\", env=\"prod\"}");
        for (int i = 0; i < 3; i++) {
            ProtobufWriter timestamp = new ProtobufWriter().writeVarintField(1, now.getEpochSecond()).writeVarintField(2, now.getNano() + i);
            ProtobufWriter entry = new ProtobufWriter().writeMessageField(1, timestamp).writeStringField(2, "request " + i + " slow")
                    .writeMessageField(3, new ProtobufWriter().writeStringField(1, "trace_id").writeStringField(2, "trace-" + i));
            stream.writeMessageField(2, entry);
        }
        byte[] request = Snappy.compress(new ProtobufWriter().writeMessageField(1, stream).toByteArray());
        Response response = push("application/x-protobuf", request);
        assertEquals(204, response.status(), response.body());
        JsonNode hits = api.awaitTotal(params("q", "service:promtail-app"), 3).path("hits");
        JsonNode hit = hits.get(0);
        assertEquals("node-7", hit.path("host").asText(), hit::toString);
        assertEquals("warn", hit.path("level").asText());
        assertEquals("loki", hit.path("source").asText());
        assertEquals("prod", hit.path("attributes").path("labels.env").asText());
        assertEquals(1, api.searchOk(params("q", "trace_id:trace-1")).path("total").asInt());
    }

    @Test
    void jsonWithOneEntryOutsideTheTimeRangeIs400NamingItAndTheOthersAreStored() {
        long now = Instant.now().toEpochMilli() * 1_000_000L;
        String body = """
                {"streams":[{"stream":{"app":"loki-json","kind":"audit","actor":"bob"},
                  "values":[["%d","bob deleted report 9"],["1000000000","from 1970"],["%d","bob exported report 9",{"outcome":"success"}]]}]}
                """.formatted(now, now + 1);
        Response response = push("application/json", body.getBytes(StandardCharsets.UTF_8));
        assertEquals(400, response.status());
        assertTrue(response.body().contains("streams[0].values[1]"), response.body());
        JsonNode answer = api.awaitTotal(params("q", "service:loki-json"), 2);
        JsonNode hit = answer.path("hits").get(0);
        assertEquals("audit", hit.path("kind").asText());
        assertEquals("bob", hit.path("actor").asText());
        assertEquals(1, api.searchOk(params("q", "service:loki-json AND outcome:success")).path("total").asInt());
    }

    @Test
    void anUnsupportedContentTypeIs415() {
        push("text/plain", "x".getBytes(StandardCharsets.UTF_8)).error(415, "UNSUPPORTED_MEDIA_TYPE");
    }
}
