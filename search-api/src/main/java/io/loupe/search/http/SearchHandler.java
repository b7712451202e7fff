package io.loupe.search.http;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogSearchResult;
import io.loupe.index.api.LogStore;
import io.loupe.index.api.LoupeException;
import io.loupe.search.SearchConfig;
import io.loupe.search.request.SearchRequest;
import io.loupe.search.request.SearchRequestReader;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.function.Function;

/**
 * {@code GET /api/v1/search} (query parameters) and {@code POST /api/v1/search} (the same fields in
 * a JSON object). Parsing happens on the event loop; the search and the rendering run on the search
 * worker pool ({@link ReadEndpoint}).
 */
public final class SearchHandler implements Handler<RoutingContext> {
    public static final String PATH = "/api/v1/search";

    private final LogStore store;
    private final ReadEndpoint endpoint;
    private final SearchRequestReader reader;

    public SearchHandler(LogStore store, SearchConfig config, WorkerExecutor workers, Clock clock) {
        this.store = store;
        this.endpoint = new ReadEndpoint("log", store::ready, workers, clock);
        this.reader = new SearchRequestReader(config);
    }

    public void mount(Router router) {
        ReadEndpoint.mountGetAndPost(router, PATH, this);
    }

    @Override
    public void handle(RoutingContext ctx) {
        endpoint.answer(ctx, request -> {
            SearchRequest search = reader.read(parameters(ctx), request.now());
            return () -> {
                LogSearchResult result = store.search(search.search());
                return SearchResponseWriter.render(result, search.withOriginal(), request.tookMillis());
            };
        });
    }

    private static Function<String, String> parameters(RoutingContext ctx) {
        if (ctx.request().method().name().equals("POST")) {
            Buffer body = ctx.body().buffer();
            if (body == null || body.length() == 0) {
                return name -> null;
            }
            JsonObject json;
            try {
                json = new JsonObject(body);
            } catch (DecodeException e) {
                throw new LoupeException(ErrorCode.INVALID_JSON, "search body must be a JSON object: " + e.getMessage());
            }
            return name -> {
                Object value = json.getValue(name);
                if (value instanceof JsonArray array) {
                    return String.join(",", array.stream().map(String::valueOf).toList());
                }
                return value == null ? null : value.toString();
            };
        }
        return ctx.request()::getParam;
    }
}
