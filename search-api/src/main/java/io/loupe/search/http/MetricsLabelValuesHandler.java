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
 * {@code GET /api/v1/metrics/labels/{name}/values?match=...}: the values of one label among the
 * series matching any selector, sorted, as {@code {"values":[...]}}; {@code __name__} lists metric
 * names. Like the label names, the answer is not narrowed by {@code from}/{@code to}.
 */
public final class MetricsLabelValuesHandler implements Handler<RoutingContext> {
    public static final String PATH = "/api/v1/metrics/labels/:name/values";

    private final MetricStore store;
    private final SeriesLookup lookup;
    private final WorkerExecutor workers;
    private final Clock clock;

    public MetricsLabelValuesHandler(MetricStore store, SearchConfig config, WorkerExecutor workers, Clock clock) {
        this.store = store;
        this.lookup = new SeriesLookup(store, config);
        this.workers = workers;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get(PATH).handler(this);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (MetricsQueryHandler.refuseUntilReady(ctx, store)) {
            return;
        }
        String name = ctx.pathParam("name");
        SeriesSelection selection = MetricQueryReader.readSelection(MetricsQueryHandler.parameters(ctx), clock.instant());
        MetricsQueryHandler.answer(ctx, workers, () -> MetricsResponseWriter.strings("values", lookup.labelValues(name, selection)));
    }
}
