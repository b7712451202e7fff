package io.loupe.ingest.http;

import io.loupe.ingest.remotewrite.RemoteWriteDecoder;
import io.loupe.ingest.remotewrite.RemoteWriteRequestCheck;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code POST /api/v1/write}: Prometheus remote_write 1.0 (snappy-compressed protobuf). Answers 204
 * once every sample is fsynced. When some samples were rejected (the others are stored), answers
 * 400 with the reasons in a plain-text body, as Prometheus's own receiver does, so the sender logs
 * them and does not retry a batch that would be rejected again; 429 and 5xx are retried by the sender.
 */
public final class RemoteWriteHandler {
    public static final String PATH = "/api/v1/write";
    private static final int LISTED_REASONS = 10;

    private final MetricIngestPipeline pipeline;
    private final RemoteWriteDecoder decoder;

    public RemoteWriteHandler(MetricIngestPipeline pipeline) {
        this.pipeline = pipeline;
        this.decoder = new RemoteWriteDecoder(pipeline.config().metricLimits());
    }

    public void mount(Router router) {
        router.post(PATH).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        try {
            RemoteWriteRequestCheck.check(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE),
                    ctx.request().getHeader(HttpHeaders.CONTENT_ENCODING));
        } catch (RuntimeException e) {
            ctx.fail(e);
            return;
        }
        int maxBodyBytes = (int) Math.min(Integer.MAX_VALUE - 8, pipeline.config().maxBodyBytes());
        pipeline.run(ctx, (raw, receivedMillis) -> decoder.decode(raw.getBytes(), maxBodyBytes), RemoteWriteHandler::respond);
    }

    private static void respond(RoutingContext ctx, MetricIngestOutcome outcome) {
        if (outcome.rejected() == 0) {
            ctx.response().setStatusCode(204).end();
            return;
        }
        List<String> messages = outcome.messages();
        StringBuilder body = new StringBuilder().append(outcome.rejected()).append(" sample(s) rejected, ")
                .append(outcome.accepted()).append(" stored");
        for (String message : messages.subList(0, Math.min(LISTED_REASONS, messages.size()))) {
            body.append("\n").append(message);
        }
        ctx.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8").end(body.append('\n').toString());
    }
}
