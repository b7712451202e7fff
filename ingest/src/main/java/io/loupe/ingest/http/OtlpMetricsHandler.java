package io.loupe.ingest.http;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import io.loupe.ingest.otlp.OtlpMetricsDecoder;
import io.loupe.ingest.otlp.OtlpExportResponse;
import io.vertx.core.buffer.Buffer;
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
    private static final String PROTOBUF = "application/x-protobuf";
    private static final String JSON = "application/json";

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
        String mediaType = MediaType.of(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
        boolean protobuf = mediaType.equals(PROTOBUF) || mediaType.equals("application/protobuf");
        if (!protobuf && !mediaType.equals(JSON)) {
            ctx.fail(new LoupeException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "content-type '" + mediaType
                    + "' is not supported here; OTLP/HTTP sends application/x-protobuf or application/json"));
            return;
        }
        String encoding = ctx.request().getHeader(HttpHeaders.CONTENT_ENCODING);
        pipeline.run(ctx, (raw, receivedMillis) -> {
            byte[] body = pipeline.gunzipped(raw, encoding);
            return protobuf ? decoder.decodeProtobuf(body, receivedMillis) : decoder.decodeJson(body, receivedMillis);
        }, (context, outcome) -> {
            OtlpExportResponse response = OtlpExportResponse.of(outcome.byUnit());
            context.response().putHeader(HttpHeaders.CONTENT_TYPE, protobuf ? PROTOBUF : JSON)
                    .end(Buffer.buffer(protobuf ? response.toProtobuf() : response.toJson()));
        });
    }
}
