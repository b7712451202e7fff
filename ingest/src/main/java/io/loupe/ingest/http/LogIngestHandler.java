package io.loupe.ingest.http;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.LoupeException;
import io.loupe.ingest.parse.NativeLogParser;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code POST /api/v1/logs}: NDJSON or a JSON array of events, optionally gzipped. Answers only
 * after the accepted events are fsynced in the write-ahead log. The body is collected on the event
 * loop (bounded by {@code ingest.max_body_bytes}); decoding, parsing, the WAL write and indexing
 * run on the ingest worker pool. At most {@code ingest.max_in_flight_requests} are processed at
 * once; more get 429 with {@code Retry-After}.
 */
public final class LogIngestHandler implements Handler<RoutingContext> {
    public static final String PATH = "/api/v1/logs";
    private static final Set<String> MEDIA_TYPES = Set.of("application/x-ndjson", "application/ndjson",
            "application/jsonl", "application/x-jsonlines", "application/json");

    private final LogIngestPipeline pipeline;
    private final NativeLogParser parser;

    public LogIngestHandler(LogIngestPipeline pipeline) {
        this.pipeline = pipeline;
        this.parser = new NativeLogParser(pipeline.config());
    }

    public void mount(Router router) {
        router.post(PATH).handler(this);
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String mediaType = MediaType.of(request.getHeader(HttpHeaders.CONTENT_TYPE));
        if (!MEDIA_TYPES.contains(mediaType)) {
            ctx.fail(new LoupeException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "content-type '" + mediaType
                    + "' is not supported here; send application/x-ndjson (one JSON event per line) or application/json (an array)"));
            return;
        }
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && !encoding.isBlank() && !encoding.equalsIgnoreCase("gzip") && !encoding.equalsIgnoreCase("identity")) {
            ctx.fail(new LoupeException(ErrorCode.UNSUPPORTED_ENCODING, "content-encoding '" + encoding + "' is not supported; send gzip or identity"));
            return;
        }
        LogKind kind = LogKind.APPLICATION;
        String kindParam = request.getParam("kind");
        if (kindParam != null) {
            kind = LogKind.fromWireName(kindParam.trim().toLowerCase(Locale.ROOT));
            if (kind == null) {
                ctx.fail(new LoupeException(ErrorCode.INVALID_KIND, "kind '" + kindParam + "' is not one of system, application, audit"));
                return;
            }
        }
        pipeline.run(ctx, kind, (raw, rules) -> parser.parse(pipeline.gunzipped(raw, encoding), rules),
                (context, stored) -> context.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .end(IngestResponseBody.render(stored.accepted().size(), stored.rejected(), stored.errors(), List.of())));
    }
}
