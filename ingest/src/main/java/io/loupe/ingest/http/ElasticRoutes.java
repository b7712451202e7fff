package io.loupe.ingest.http;

import io.loupe.ingest.elastic.ElasticConfig;
import io.vertx.ext.web.Router;

/** Mounts the Elasticsearch-compatible API: {@code _bulk} on the log pipeline, and what shippers call before it. */
public final class ElasticRoutes {
    private ElasticRoutes() {
    }

    public static void mount(Router router, LogIngestPipeline pipeline, ElasticConfig config) {
        router.routeWithRegex("^/($|_.*|[^/]+/_bulk$|[^/_][^/]*$)").handler(ElasticResponses::productHeader);
        new ElasticBulkHandler(pipeline, config).mount(router);
        new ElasticCompatibilityHandlers(config).mount(router);
    }
}
