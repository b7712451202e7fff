package io.loupe.ingest.http;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.Labels;
import io.loupe.index.api.LoupeException;
import io.loupe.ingest.prometheus.PrometheusTextParser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * {@code POST /api/v1/import/prometheus}: a Prometheus text exposition (0.0.4) or OpenMetrics body,
 * as a {@code /metrics} page would serve it, optionally gzipped. Samples without a timestamp get the
 * time the request arrived. Answers {@code {"accepted","rejected","errors"}} after the fsync.
 */
public final class PrometheusImportHandler {
    public static final String PATH = "/api/v1/import/prometheus";
    private static final Set<String> MEDIA_TYPES = Set.of("", "text/plain", "application/openmetrics-text");

    private final MetricIngestPipeline pipeline;
    private final PrometheusTextParser parser;

    public PrometheusImportHandler(MetricIngestPipeline pipeline) {
        this.pipeline = pipeline;
        this.parser = new PrometheusTextParser(pipeline.config().metricLimits());
    }

    public void mount(Router router) {
        router.post(PATH).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        String mediaType = MediaType.of(contentType);
        if (!MEDIA_TYPES.contains(mediaType)) {
            ctx.fail(new LoupeException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "content-type '" + mediaType
                    + "' is not supported here; send text/plain (Prometheus text format 0.0.4) or application/openmetrics-text"));
            return;
        }
        PrometheusTextParser.Format format = PrometheusTextParser.Format.ofContentType(contentType);
        String encoding = ctx.request().getHeader(HttpHeaders.CONTENT_ENCODING);
        pipeline.run(ctx,
                (raw, receivedMillis) -> parser.parse(pipeline.gunzipped(raw, encoding), format, receivedMillis, Labels.EMPTY),
                (context, outcome) -> context.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(outcome.toJson()));
    }
}
