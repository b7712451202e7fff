package io.loupe.ingest.http;

import io.vertx.ext.web.Router;

/** Mounts every metric push endpoint on one pipeline (shared limits, worker pool and in-flight budget). */
public final class MetricIngestRoutes {
    private MetricIngestRoutes() {
    }

    public static void mount(Router router, MetricIngestPipeline pipeline) {
        new NativeMetricsHandler(pipeline).mount(router);
        new PrometheusImportHandler(pipeline).mount(router);
        new RemoteWriteHandler(pipeline).mount(router);
        new OtlpMetricsHandler(pipeline).mount(router);
        new InfluxWriteHandler(pipeline).mount(router);
    }
}
