package io.loupe.ingest.http;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import io.loupe.ingest.parse.NativeMetricParser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * {@code POST /api/v1/metrics}: NDJSON (or a JSON array) of {@code {"name","labels","timestamp","value"}}
 * samples, optionally gzipped. Answers {@code {"accepted","rejected","errors"}} after the fsync.
 */
public final class NativeMetricsHandler {
    public static final String PATH = "/api/v1/metrics";
    private static final Set<String> MEDIA_TYPES = Set.of("application/x-ndjson", "application/ndjson",
            "application/jsonl", "application/x-jsonlines", "application/json");

    private final MetricIngestPipeline pipeline;
    private final NativeMetricParser parser;

    public NativeMetricsHandler(MetricIngestPipeline pipeline) {
        this.pipeline = pipeline;
        this.parser = new NativeMetricParser(pipeline.config().metricLimits());
    }

    public void mount(Router router) {
        router.post(PATH).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        String mediaType = MediaType.of(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
        if (!MEDIA_TYPES.contains(mediaType)) {
            ctx.fail(new LoupeException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "content-type '" + mediaType
                    + "' is not supported here; send application/x-ndjson (one JSON sample per line) or application/json (an array)"));
            return;
        }
        String encoding = ctx.request().getHeader(HttpHeaders.CONTENT_ENCODING);
        pipeline.run(ctx,
                (raw, receivedMillis) -> parser.parse(pipeline.gunzipped(raw, encoding), receivedMillis),
                (context, outcome) -> context.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(outcome.toJson()));
    }
}
