package io.loupe.ingest.http;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.LoupeException;
import io.loupe.ingest.otlp.OtlpExportResponse;
import io.loupe.ingest.otlp.OtlpLogsDecoder;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/logs}: OTLP/HTTP logs, {@code application/x-protobuf} (or {@code application/protobuf})
 * or {@code application/json}, optionally gzipped; another content type is refused with 415. Answers
 * 200 with an ExportLogsServiceResponse in the request's encoding once the accepted records are
 * fsynced; rejected records are reported in its {@code partial_success} (the OTLP spec's way to say
 * "do not retry these"). The mapping onto events is {@link OtlpLogsDecoder}'s; records that do not
 * name a kind ({@code loupe.kind}) are application events.
 */
public final class OtlpLogsHandler {
    public static final String PATH = "/v1/logs";
    private static final String PROTOBUF = "application/x-protobuf";
    private static final String JSON = "application/json";

    private final LogIngestPipeline pipeline;
    private final OtlpLogsDecoder decoder;

    public OtlpLogsHandler(LogIngestPipeline pipeline) {
        this.pipeline = pipeline;
        this.decoder = new OtlpLogsDecoder(pipeline.config());
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
        pipeline.run(ctx, LogKind.APPLICATION, (raw, rules) -> {
            byte[] body = pipeline.gunzipped(raw, encoding);
            return protobuf ? decoder.decodeProtobuf(body, rules) : decoder.decodeJson(body, rules);
        }, (context, stored) -> {
            OtlpExportResponse response = OtlpExportResponse.of(stored);
            context.response().putHeader(HttpHeaders.CONTENT_TYPE, protobuf ? PROTOBUF : JSON)
                    .end(Buffer.buffer(protobuf ? response.toProtobuf() : response.toJson()));
        });
    }
}
