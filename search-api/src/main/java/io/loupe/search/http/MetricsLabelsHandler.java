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
 * {@code GET /api/v1/metrics/labels?match=...}: the label names (with {@code __name__}) of the
 * series matching any selector, sorted, as {@code {"labels":[...]}}. {@code from} and {@code to}
 * are checked but do not narrow the answer: the label index knows every series the store holds.
 */
public final class MetricsLabelsHandler implements Handler<RoutingContext> {
    public static final String PATH = "/api/v1/metrics/labels";

    private final ReadEndpoint endpoint;
    private final SeriesLookup lookup;

    public MetricsLabelsHandler(MetricStore store, SearchConfig config, WorkerExecutor workers, Clock clock) {
        this.endpoint = new ReadEndpoint("metric", store::ready, workers, clock);
        this.lookup = new SeriesLookup(store, config);
    }

    public void mount(Router router) {
        router.get(PATH).handler(this);
    }

    @Override
    public void handle(RoutingContext ctx) {
        endpoint.answer(ctx, request -> {
            SeriesSelection selection = MetricQueryReader.readSelection(MetricsQueryHandler.parameters(ctx), request.now());
            return () -> MetricsResponseWriter.strings("labels", lookup.labelNames(selection));
        });
    }
}
