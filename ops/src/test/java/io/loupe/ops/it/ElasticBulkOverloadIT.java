package io.loupe.ops.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.loupe.ops.it.LoupeApi.Response;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code _bulk} while every ingest slot is taken ({@code ingest.max_in_flight_requests=1}, held by a
 * native request whose body is half sent): 429 with Retry-After in Elasticsearch's error shape
 * ({@code es_rejected_execution_exception}), which shippers retry; once the slot is free the same
 * bulk is stored.
 */
class ElasticBulkOverloadIT {
    @TempDir
    Path dataDir;

    @Test
    void aBulkRequestBeyondTheInFlightLimitIs429InElasticsearchsShapeAndTheRetryIsStored() throws Exception {
        try (InProcessLoupe loupe = InProcessLoupe.start(dataDir, Map.of("ingest.max_in_flight_requests", "1", "log.refresh_millis", "50"))) {
            LoupeApi api = loupe.api();
            byte[] slowBody = "{\"message\":\"slow native event\",\"service\":\"slow\"}\n".getBytes(StandardCharsets.UTF_8);
            byte[] bulk = "{\"create\":{\"_index\":\"overload\"}}\n{\"message\":\"retried bulk event\",\"service\":\"overload-bulk\"}\n"
                    .getBytes(StandardCharsets.UTF_8);
            try (RawHttpConnection slow = RawHttpConnection.open(InProcessLoupe.HOST, api.port())) {
                slow.sendPostHead("/api/v1/logs", LoupeApi.NDJSON, slowBody.length);
                slow.send(slowBody, 0, slowBody.length / 2);
                LoupeApi.pause(300);
                Response refused = postBulk(api, bulk);
                JsonNode error = refused.error(429, "OVERLOADED");
                assertEquals("es_rejected_execution_exception", error.path("type").asText(), refused.body());
                assertEquals(429, refused.json().path("status").asInt());
                assertEquals("1", refused.headers().firstValue("Retry-After").orElse(""));
                slow.send(slowBody, slowBody.length / 2, slowBody.length);
                assertEquals(200, slow.readResponse().status());
            }
            Response retried = postBulk(api, bulk);
            assertEquals(200, retried.status(), retried.body());
            assertFalse(retried.json().path("errors").asBoolean(), retried.body());
            api.awaitTotal(LoupeApi.params("q", "service:overload-bulk"), 1);
        }
    }

    private static Response postBulk(LoupeApi api, byte[] body) {
        return api.send(HttpRequest.newBuilder(api.base().resolve("/_bulk")).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }
}
