package io.loupe.ingest.http;

import io.loupe.ingest.otlp.OtlpMetricsDecoder;
import io.loupe.ingest.otlp.OtlpExportResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/metrics}: OTLP/HTTP metrics, {@code application/x-protobuf} or
 * {@code application/json}, optionally gzipped. Answers 200 with an ExportMetricsServiceResponse in
 * the request's encoding once the accepted points are fsynced; rejected points are reported in its
 * {@code partial_success} (the OTLP spec's way to say "do not retry these").
 */
public final class OtlpMetricsHandler {
    public static final String PATH = "/v1/metrics";

    private final MetricIngestPipeline pipeline;
    private final OtlpMetricsDecoder decoder;

    public OtlpMetricsHandler(MetricIngestPipeline pipeline) {
        this.pipeline = pipeline;
        this.decoder = new OtlpMetricsDecoder(pipeline.config().metricLimits());
    }

    public void mount(Router router) {
        router.post(PATH).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        OtlpEncoding encoding = OtlpEncoding.of(ctx);
        if (encoding == null) {
            return;
        }
        String contentEncoding = ctx.request().getHeader(HttpHeaders.CONTENT_ENCODING);
        pipeline.run(ctx, (raw, receivedMillis) -> {
            byte[] body = pipeline.gunzipped(raw, contentEncoding);
            return encoding == OtlpEncoding.PROTOBUF ? decoder.decodeProtobuf(body, receivedMillis) : decoder.decodeJson(body, receivedMillis);
        }, (context, outcome) -> {
            encoding.respond(context, OtlpExportResponse.of(outcome.byUnit()));
        });
    }
}
