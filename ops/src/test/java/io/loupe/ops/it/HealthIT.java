package io.loupe.ops.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.loupe.ops.it.LoupeApi.Response;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /healthz} and {@code GET /readyz} of the real server, as a load balancer or orchestrator sees them. */
class HealthIT {

    @Test
    void startedServerIsUpAndReadyUntilItStops(@TempDir Path dataDir) throws Exception {
        LoupeApi api;
        try (InProcessLoupe loupe = InProcessLoupe.start(dataDir, Map.of())) {
            api = loupe.api();
            Response health = api.get("/healthz");
            assertEquals(200, health.status(), health::body);
            assertEquals("application/json", health.headers().firstValue("content-type").orElse(""));
            assertEquals(LoupeApi.JSON.readTree("{\"status\":\"up\"}"), health.json());

            Response ready = api.get("/readyz");
            assertEquals(200, ready.status(), ready::body);
            assertEquals(LoupeApi.JSON.readTree("{\"status\":\"ready\"}"), ready.json());

            api.get("/api/v1/nope").error(404, "NOT_FOUND");
            api.send(HttpRequest.newBuilder(api.base().resolve("/readyz")).POST(HttpRequest.BodyPublishers.noBody()))
                    .error(405, "METHOD_NOT_ALLOWED");
        }
        assertThrows(UncheckedIOException.class, () -> api.get("/healthz"), "a stopped server no longer answers");
    }
}
