package io.loupe.ingest.http;

import io.loupe.index.api.LogKind;
import io.loupe.ingest.otlp.OtlpExportResponse;
import io.loupe.ingest.otlp.OtlpLogsDecoder;
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
        OtlpEncoding encoding = OtlpEncoding.of(ctx);
        if (encoding == null) {
            return;
        }
        String contentEncoding = ctx.request().getHeader(HttpHeaders.CONTENT_ENCODING);
        pipeline.run(ctx, LogKind.APPLICATION, (raw, rules) -> {
            byte[] body = pipeline.gunzipped(raw, contentEncoding);
            return encoding == OtlpEncoding.PROTOBUF ? decoder.decodeProtobuf(body, rules) : decoder.decodeJson(body, rules);
        }, (context, stored) -> {
            encoding.respond(context, OtlpExportResponse.of(stored));
        });
    }
}
