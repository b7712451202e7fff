package io.loupe.ops.http;

import io.loupe.index.api.LogStore;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/** {@code GET /healthz}: the process is up. {@code GET /readyz}: the WAL is replayed and writes are accepted. */
public final class HealthHandlers {

    private HealthHandlers() {
    }

    public static void mount(Router router, LogStore store) {
        router.get("/healthz").handler(ctx -> ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end("{\"status\":\"up\"}"));
        router.get("/readyz").handler(ctx -> {
            boolean ready = store.ready();
            ctx.response().setStatusCode(ready ? 200 : 503)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(ready ? "{\"status\":\"ready\"}" : "{\"status\":\"not_ready\"}");
        });
    }
}
