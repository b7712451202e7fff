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

    private final ReadEndpoint endpoint;
    private final SeriesLookup lookup;

    public MetricsLabelValuesHandler(MetricStore store, SearchConfig config, WorkerExecutor workers, Clock clock) {
        this.endpoint = new ReadEndpoint("metric", store::ready, workers, clock);
        this.lookup = new SeriesLookup(store, config);
    }

    public void mount(Router router) {
        router.get(PATH).handler(this);
    }

    @Override
    public void handle(RoutingContext ctx) {
        endpoint.answer(ctx, request -> {
            String name = ctx.pathParam("name");
            SeriesSelection selection = MetricQueryReader.readSelection(MetricsQueryHandler.parameters(ctx), request.now());
            return () -> MetricsResponseWriter.strings("values", lookup.labelValues(name, selection));
        });
    }
}
