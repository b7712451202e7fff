package io.loupe.search.http;

import io.loupe.index.api.MetricStore;
import io.loupe.search.SearchConfig;
import io.loupe.search.metric.MetricQueryReader;
import io.loupe.search.metric.SeriesLookup;
import io.loupe.search.metric.SeriesSelection;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * {@code GET /api/v1/metrics/series?match=...&from=...&to=...} (also as a POST form, for long
 * selectors): the series with samples in the range that match any of the selectors ({@code match}
 * or {@code match[]}, repeatable, a union as in Prometheus; none selects every series), as
 * {@code {"series":[{"__name__":"...","label":"value",...}],"took_ms":t}} sorted by name and labels.
 * More than {@code search.metrics_max_series} series: 422 {@code QUERY_TOO_LARGE}.
 */
public final class MetricsSeriesHandler implements Handler<RoutingContext> {
    public static final String PATH = "/api/v1/metrics/series";

    private final ReadEndpoint endpoint;
    private final SeriesLookup lookup;

    public MetricsSeriesHandler(MetricStore store, SearchConfig config, WorkerExecutor workers, Clock clock) {
        this.endpoint = new ReadEndpoint("metric", store::ready, workers, clock);
        this.lookup = new SeriesLookup(store, config);
    }

    public void mount(Router router) {
        ReadEndpoint.mountGetAndPost(router, PATH, this);
    }

    @Override
    public void handle(RoutingContext ctx) {
        endpoint.answer(ctx, request -> {
            SeriesSelection selection = MetricQueryReader.readSelection(MetricsQueryHandler.parameters(ctx), request.now());
            return () -> MetricsResponseWriter.series(lookup.series(selection), request.tookMillis());
        });
    }
}
