package io.loupe.ingest.http;

import io.vertx.ext.web.Router;

/** Mounts every log push endpoint on one pipeline (shared limits, worker pool and in-flight budget). */
public final class LogIngestRoutes {
    private LogIngestRoutes() {
    }

    public static void mount(Router router, LogIngestPipeline pipeline) {
        new LogIngestHandler(pipeline).mount(router);
    }
}
