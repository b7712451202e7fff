package io.loupe.search.http;

import io.loupe.index.api.LogFieldInfo;
import io.loupe.index.api.LogSearch;
import io.loupe.index.api.LogSearchResult;
import io.loupe.index.api.LogStore;
import io.loupe.search.SearchConfig;
import io.loupe.search.request.FieldRequestReader;
import io.loupe.search.request.SearchRequestReader;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;

/**
 * {@code GET /api/v1/fields?from&to&kind} (the fields the range's partitions hold, for
 * autocompletion) and {@code GET /api/v1/fields/{name}/values?q&from&to&kind&limit} (the field's top
 * values over the matching events). Both go through {@link ReadEndpoint}.
 */
public final class FieldsHandler {
    public static final String PATH = "/api/v1/fields";
    public static final String VALUES_PATH = "/api/v1/fields/:name/values";

    private final LogStore store;
    private final ReadEndpoint endpoint;
    private final FieldRequestReader reader;

    public FieldsHandler(LogStore store, SearchConfig config, WorkerExecutor workers, Clock clock) {
        this.store = store;
        this.endpoint = new ReadEndpoint("log", store::ready, workers, clock);
        this.reader = new FieldRequestReader(new SearchRequestReader(config));
    }

    public void mount(Router router) {
        router.get(PATH).handler(this::listFields);
        router.get(VALUES_PATH).handler(this::topValues);
    }

    private void listFields(RoutingContext ctx) {
        endpoint.answer(ctx, request -> {
            FieldRequestReader.Listing listing = reader.readListing(ctx.request()::getParam, request.now());
            return () -> {
                List<LogFieldInfo> fields = store.fields(listing.range(), listing.kinds());
                return FieldsResponseWriter.renderFields(fields, request.tookMillis());
            };
        });
    }

    private void topValues(RoutingContext ctx) {
        endpoint.answer(ctx, request -> {
            String field = ctx.pathParam("name");
            LogSearch search = reader.readValues(field, ctx.request()::getParam, request.now());
            return () -> {
                LogSearchResult result = store.search(search);
                String indexField = search.facetFields().getFirst();
                return FieldsResponseWriter.renderValues(indexField, result.total(), result.facets().get(indexField),
                        request.tookMillis());
            };
        });
    }
}
