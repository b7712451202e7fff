package io.loupe.search.http;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.MetricStore;
import io.loupe.search.SearchConfig;
import io.loupe.search.metric.MetricParameters;
import io.loupe.search.metric.MetricQuery;
import io.loupe.search.metric.MetricQueryExecutor;
import io.loupe.search.metric.MetricQueryReader;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code GET /api/v1/metrics/query} (query parameters) and {@code POST /api/v1/metrics/query} (the
 * same fields as a form body, or as a JSON object whose {@code match} may be an array): a metric
 * range query.
 *
 * <p>Parameters: {@code metric} (required unless {@code match} names {@code __name__}),
 * {@code match} (a PromQL selector such as {@code node_cpu_seconds_total{mode!="idle",cpu=~"0|1"}};
 * repeatable, all must hold), {@code from} and {@code to} (RFC 3339, epoch ms, {@code now-15m};
 * default the last hour), {@code step} ({@code 1m}, or seconds; default: at most about 300
 * buckets, rounded to a nice width), {@code fn} (avg, min, max, sum, count, last, rate, increase,
 * p50, p90, p99; default avg), {@code by} (comma-separated labels to group by).
 * Answer: {@code {"series":[{"labels":{...},"points":[[t,v],...]}],"resolution":"raw|5m|1h","step_ms":n,"took_ms":t}}.
 *
 * <p>Semantics, summarised (the full text is in {@code io.loupe.search.metric}): buckets are
 * aligned to multiples of the step since the epoch and reported at their start; empty buckets are
 * omitted. avg/min/max/sum/count/last are over the bucket's samples; p50/p90/p99 interpolate
 * linearly between closest ranks; increase sums {@code cur − prev} (or {@code cur} after a counter
 * reset) over consecutive pairs ending in the bucket, looking 5 minutes back for the first
 * predecessor; rate = increase / step. Stale markers are never values, break counter pairs, and
 * make {@code last} of their bucket empty. With {@code by}, avg/min/max/sum/count/quantiles pool
 * the group's samples; rate/increase/last are per series, then summed. The coarsest rollup tier
 * whose width divides the step answers, raw for quantiles. {@code host.*} names are host signal
 * views computed per host. Over {@code search.metrics_max_series} or
 * {@code search.metrics_max_points}: 422 {@code QUERY_TOO_LARGE}. Parsing happens on the event
 * loop; the query and the rendering run on the worker pool; 503 while the store replays its WAL.
 */
public final class MetricsQueryHandler implements Handler<RoutingContext> {
    public static final String PATH = "/api/v1/metrics/query";
    static final long MAX_REQUEST_BYTES = 1 << 20;

    private final MetricStore store;
    private final MetricQueryExecutor executor;
    private final WorkerExecutor workers;
    private final Clock clock;

    public MetricsQueryHandler(MetricStore store, SearchConfig config, WorkerExecutor workers, Clock clock) {
        this.store = store;
        this.executor = new MetricQueryExecutor(store, config);
        this.workers = workers;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get(PATH).handler(this);
        router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(MAX_REQUEST_BYTES)).handler(this);
    }

    @Override
    public void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        if (refuseUntilReady(ctx, store)) {
            return;
        }
        MetricQuery query = MetricQueryReader.readQuery(parameters(ctx), clock.instant());
        answer(ctx, workers, () -> MetricsResponseWriter.query(executor.execute(query), tookMillis(started)));
    }

    /** Answers 503 and returns true while the store replays its write-ahead log. */
    static boolean refuseUntilReady(RoutingContext ctx, MetricStore store) {
        if (store.ready()) {
            return false;
        }
        ctx.fail(new LoupeException(ErrorCode.NOT_READY,
                "the metric store is still replaying its write-ahead log; results would be incomplete, retry shortly"));
        return true;
    }

    /** Runs {@code work} (store reads and rendering) on the worker pool and sends its JSON, or fails the request. */
    static void answer(RoutingContext ctx, WorkerExecutor workers, Callable<byte[]> work) {
        workers.executeBlocking(work, false).onComplete(result -> {
            if (result.failed()) {
                ctx.fail(result.cause());
                return;
            }
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(Buffer.buffer(result.result()));
        });
    }

    static long tookMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /**
     * The request's parameters: the query string for GET; for POST, a form body (merged with the
     * query string by the body handler) or a JSON object whose values may be strings, numbers or
     * arrays of them.
     */
    static MetricParameters parameters(RoutingContext ctx) {
        if (!ctx.request().method().name().equals("POST")) {
            return name -> ctx.request().params().getAll(name);
        }
        String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        Buffer body = ctx.body().buffer();
        if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")
                || body == null || body.length() == 0) {
            return name -> ctx.request().params().getAll(name);
        }
        JsonObject json;
        try {
            json = new JsonObject(body);
        } catch (DecodeException e) {
            throw new LoupeException(ErrorCode.INVALID_JSON, "metric query body must be a JSON object or a form: " + e.getMessage());
        }
        return name -> {
            Object value = json.getValue(name);
            if (value == null) {
                return List.of();
            }
            if (value instanceof JsonArray array) {
                List<String> values = new ArrayList<>(array.size());
                array.forEach(item -> values.add(String.valueOf(item)));
                return values;
            }
            return List.of(value.toString());
        };
    }
}
