package io.loupe.ingest.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.loupe.ingest.influx.InfluxLineParser;
import io.loupe.ingest.influx.Precision;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * InfluxDB line protocol: {@code POST /api/v2/write} (v2: {@code precision=ns|us|ms|s}) and
 * {@code POST /write} (v1: {@code precision=n|u|ms|s|m|h}), optionally gzipped; {@code org},
 * {@code bucket}, {@code db} and {@code rp} are accepted and ignored (Loupe has one metric store).
 * Answers 204 when every line was stored; with rejects the other points are still stored and the
 * answer is 400 {@code {"code":"invalid","message":"partial write: ..."}}, as InfluxDB answers.
 * {@code GET|HEAD /ping} answers 204 so clients such as Telegraf see a live server.
 */
public final class InfluxWriteHandler {
    public static final String V2_PATH = "/api/v2/write";
    public static final String V1_PATH = "/write";

    private final MetricIngestPipeline pipeline;
    private final InfluxLineParser parser;

    public InfluxWriteHandler(MetricIngestPipeline pipeline) {
        this.pipeline = pipeline;
        this.parser = new InfluxLineParser(pipeline.config().metricLimits());
    }

    public void mount(Router router) {
        router.post(V2_PATH).handler(this::handle);
        router.post(V1_PATH).handler(this::handle);
        router.get("/ping").handler(InfluxWriteHandler::ping);
        router.head("/ping").handler(InfluxWriteHandler::ping);
    }

    private static void ping(RoutingContext ctx) {
        ctx.response().setStatusCode(204).putHeader("X-Influxdb-Version", "loupe").end();
    }

    private void handle(RoutingContext ctx) {
        Precision precision;
        try {
            precision = Precision.fromParameter(ctx.request().getParam("precision"));
        } catch (RuntimeException e) {
            ctx.fail(e);
            return;
        }
        String encoding = ctx.request().getHeader(HttpHeaders.CONTENT_ENCODING);
        pipeline.run(ctx, (raw, receivedMillis) -> parser.parse(pipeline.gunzipped(raw, encoding), precision, receivedMillis),
                InfluxWriteHandler::respond);
    }

    private static void respond(RoutingContext ctx, MetricIngestOutcome outcome) {
        if (outcome.rejected() == 0) {
            ctx.response().setStatusCode(204).end();
            return;
        }
        String message = "partial write: " + outcome.rejected() + " rejected, " + outcome.accepted() + " stored; "
                + String.join("; ", outcome.messages().subList(0, Math.min(10, outcome.messages().size())));
        ctx.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end("{\"code\":\"invalid\",\"message\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(message)) + "\"}");
    }
}
