package io.loupe.search.http;

import io.loupe.index.api.LogStore;
import io.loupe.search.request.AuditRequest;
import io.loupe.search.request.AuditRequestReader;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/audit/search} (query parameters) and {@code POST} (a JSON object): one page of
 * audit events matching the filters ({@link AuditRequestReader}), with facets by actor, action and
 * outcome, answered as search answers ({@link SearchResponseWriter}).
 */
final class AuditSearchHandler implements Handler<RoutingContext> {
    static final String PATH = "/api/v1/audit/search";

    private final LogStore store;
    private final ReadEndpoint endpoint;
    private final AuditRequestReader reader;

    AuditSearchHandler(LogStore store, ReadEndpoint endpoint, AuditRequestReader reader) {
        this.store = store;
        this.endpoint = endpoint;
        this.reader = reader;
    }

    void mount(Router router) {
        ReadEndpoint.mountGetAndPost(router, PATH, this);
    }

    @Override
    public void handle(RoutingContext ctx) {
        endpoint.answer(ctx, request -> {
            AuditRequest audit = reader.read(RequestParameters.of(ctx, "audit search"), request.now());
            return () -> SearchResponseWriter.render(store.search(audit.search()), audit.withOriginal(), request.tookMillis());
        });
    }
}
