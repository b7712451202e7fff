package io.loupe.ingest.http;

import io.loupe.index.api.LogKind;
import io.loupe.ingest.loki.LokiPushDecoder;
import io.loupe.ingest.loki.LokiPushFormat;
import io.loupe.ingest.loki.LokiPushOutcome;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /loki/api/v1/push} (and the legacy {@code POST /api/prom/push}): the Loki push API, for
 * Promtail, Grafana Alloy's {@code loki.write}, Vector and Fluent Bit pointed at
 * {@code http://<loupe>:7600/loki/api/v1/push}. Bodies: {@code application/x-protobuf} (or no
 * Content-Type) as a snappy block, optionally gzipped; {@code application/json}, optionally gzipped
 * ({@link LokiPushFormat}); any other type is 415. Decoding and mapping: {@link LokiPushDecoder}.
 *
 * <p>Answers, once the stored entries are fsynced:
 * <ul>
 *   <li>204 No Content when every entry was stored;</li>
 *   <li>400 with a {@code text/plain} body naming the count and the first {@value #LISTED_REASONS}
 *       reasons ({@code streams[0].values[3]: ...}) when some entries were rejected. The other entries
 *       of the request <b>are already stored</b> when this answer is sent: this is what Loki does, and
 *       it is safe because Promtail and Alloy do not retry a 4xx (so nothing is stored twice) while a
 *       rejected entry would be rejected again anyway;</li>
 *   <li>400 with the JSON error body for a body that is not a push; 413 past
 *       {@code ingest.max_body_bytes} or {@code ingest.max_events_per_request}; 429 and 503 from
 *       {@link LogIngestPipeline}. Shippers retry 429 and 5xx.</li>
 * </ul>
 */
public final class LokiPushHandler {
    public static final String PATH = "/loki/api/v1/push";
    /** The path of Loki before 1.0, which old Promtail configurations still name. */
    public static final String LEGACY_PATH = "/api/prom/push";
    static final int LISTED_REASONS = 10;

    private final LogIngestPipeline pipeline;
    private final LokiPushDecoder decoder;

    public LokiPushHandler(LogIngestPipeline pipeline) {
        this.pipeline = pipeline;
        this.decoder = new LokiPushDecoder(pipeline.config());
    }

    public void mount(Router router) {
        router.post(PATH).handler(this::handle);
        router.post(LEGACY_PATH).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        String encoding = ctx.request().getHeader(HttpHeaders.CONTENT_ENCODING);
        LokiPushFormat format;
        boolean gzipped;
        try {
            format = LokiPushFormat.ofMediaType(MediaType.of(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE)));
            gzipped = format.gzipped(encoding);
        } catch (RuntimeException e) {
            ctx.fail(e);
            return;
        }
        pipeline.run(ctx, LogKind.APPLICATION, (raw, rules) -> decoder.decode(body(raw, gzipped), format, rules),
                LokiPushHandler::respond);
    }

    private byte[] body(Buffer raw, boolean gzipped) {
        return gzipped ? pipeline.gunzipped(raw, "gzip") : raw.getBytes();
    }

    private static void respond(RoutingContext ctx, LokiPushOutcome outcome) {
        if (outcome.rejected() == 0) {
            ctx.response().setStatusCode(204).end();
            return;
        }
        ctx.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .end(outcome.rejectionSummary(LISTED_REASONS));
    }
}
