package io.loupe.ingest.http;

import io.vertx.ext.web.Router;

/**
 * Mounts every log push endpoint on one pipeline (shared limits, worker pool and in-flight budget):
 * native {@code /api/v1/logs}, OTLP/HTTP {@code /v1/logs} and the Loki push API. The Elasticsearch
 * API is mounted last by {@link ElasticRoutes}, since its {@code /{index}} routes catch every path.
 */
public final class LogIngestRoutes {
    private LogIngestRoutes() {
    }

    public static void mount(Router router, LogIngestPipeline pipeline) {
        new LogIngestHandler(pipeline).mount(router);
        new OtlpLogsHandler(pipeline).mount(router);
        new LokiPushHandler(pipeline).mount(router);
    }
}
