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
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

    private final ReadEndpoint endpoint;
    private final MetricQueryExecutor executor;

    public MetricsQueryHandler(MetricStore store, SearchConfig config, WorkerExecutor workers, Clock clock) {
        this.endpoint = new ReadEndpoint("metric", store::ready, workers, clock);
        this.executor = new MetricQueryExecutor(store, config);
    }

    public void mount(Router router) {
        ReadEndpoint.mountGetAndPost(router, PATH, this);
    }

    @Override
    public void handle(RoutingContext ctx) {
        endpoint.answer(ctx, request -> {
            MetricQuery query = MetricQueryReader.readQuery(parameters(ctx), request.now());
            return () -> MetricsResponseWriter.query(executor.execute(query), request.tookMillis());
        });
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
