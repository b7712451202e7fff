package io.loupe.search.http;

import io.loupe.index.api.LogSearchResult;
import io.loupe.index.api.LogStore;
import io.loupe.search.PipeConfig;
import io.loupe.search.SearchConfig;
import io.loupe.search.pipe.PipelineExecutor;
import io.loupe.search.request.SearchRequest;
import io.loupe.search.request.SearchRequestReader;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * {@code GET /api/v1/search} (query parameters) and {@code POST /api/v1/search} (the same fields in
 * a JSON object). A {@code q} with pipe stages answers a table ({@link PipeResponseWriter}) instead
 * of hits. Parsing happens on the event loop; the search and the rendering run on the search
 * worker pool ({@link ReadEndpoint}).
 */
public final class SearchHandler implements Handler<RoutingContext> {
    public static final String PATH = "/api/v1/search";

    private final LogStore store;
    private final ReadEndpoint endpoint;
    private final SearchRequestReader reader;
    private final PipelineExecutor pipelines;

    public SearchHandler(LogStore store, SearchConfig config, PipeConfig pipes, WorkerExecutor workers, Clock clock) {
        this.store = store;
        this.endpoint = new ReadEndpoint("log", store::ready, workers, clock);
        this.reader = new SearchRequestReader(config);
        this.pipelines = new PipelineExecutor(store, pipes);
    }

    public void mount(Router router) {
        ReadEndpoint.mountGetAndPost(router, PATH, this);
    }

    @Override
    public void handle(RoutingContext ctx) {
        endpoint.answer(ctx, request -> {
            SearchRequest search = reader.read(RequestParameters.of(ctx, "search"), request.now());
            if (search.pipeline() != null) {
                return () -> PipeResponseWriter.render(pipelines.run(search.pipeline(), search.search()), request.tookMillis());
            }
            return () -> {
                LogSearchResult result = store.search(search.search());
                return SearchResponseWriter.render(result, search.withOriginal(), request.tookMillis());
            };
        });
    }
}
