package io.loupe.ops.http;

import io.loupe.index.api.LogStore;
import io.loupe.index.api.MetricStore;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/** {@code GET /healthz}: the process is up. {@code GET /readyz}: both write-ahead logs are replayed and writes are accepted. */
public final class HealthHandlers {

    private HealthHandlers() {
    }

    public static void mount(Router router, LogStore logs, MetricStore metrics) {
        router.get("/healthz").handler(ctx -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end("{\"status\":\"up\"}"));
        router.get("/readyz").handler(ctx -> {
            boolean ready = logs.ready() && metrics.ready();
            ctx.response().setStatusCode(ready ? 200 : 503)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(ready ? "{\"status\":\"ready\"}" : "{\"status\":\"not_ready\"}");
        });
    }
}
