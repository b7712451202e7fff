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
import io.vertx.ext.web.handler.BodyHandler;
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

    private final MetricStore store;
    private final SeriesLookup lookup;
    private final WorkerExecutor workers;
    private final Clock clock;

    public MetricsSeriesHandler(MetricStore store, SearchConfig config, WorkerExecutor workers, Clock clock) {
        this.store = store;
        this.lookup = new SeriesLookup(store, config);
        this.workers = workers;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get(PATH).handler(this);
        router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(MetricsQueryHandler.MAX_REQUEST_BYTES)).handler(this);
    }

    @Override
    public void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        if (MetricsQueryHandler.refuseUntilReady(ctx, store)) {
            return;
        }
        SeriesSelection selection = MetricQueryReader.readSelection(MetricsQueryHandler.parameters(ctx), clock.instant());
        MetricsQueryHandler.answer(ctx, workers,
                () -> MetricsResponseWriter.series(lookup.series(selection), MetricsQueryHandler.tookMillis(started)));
    }
}
