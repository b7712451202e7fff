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
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.function.Function;

/**
 * {@code GET /api/v1/search} (query parameters) and {@code POST /api/v1/search} (the same fields in
 * a JSON object). Parsing happens on the event loop; the search runs on the search worker pool.
 */
public final class SearchHandler implements Handler<RoutingContext> {
    public static final String PATH = "/api/v1/search";
    private static final long MAX_REQUEST_BYTES = 1 << 20;

    private final LogStore store;
    private final SearchRequestReader reader;
    private final WorkerExecutor workers;
    private final Clock clock;

    public SearchHandler(LogStore store, SearchConfig config, WorkerExecutor workers, Clock clock) {
        this.store = store;
        this.reader = new SearchRequestReader(config);
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
        if (!store.ready()) {
            ctx.fail(new LoupeException(ErrorCode.NOT_READY, "the log store is still replaying its write-ahead log; results would be incomplete, retry shortly"));
            return;
        }
        SearchRequest request = reader.read(parameters(ctx), clock.instant());
        workers.<LogSearchResult>executeBlocking(() -> store.search(request.search()), false).onComplete(result -> {
            if (result.failed()) {
                ctx.fail(result.cause());
                return;
            }
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            byte[] body = SearchResponseWriter.render(result.result(), request.withOriginal(), tookMillis);
            ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(Buffer.buffer(body));
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
