package io.loupe.search.http;

import io.loupe.search.correlate.CorrelationRequest;
import io.loupe.search.correlate.CorrelationRequestReader;
import io.loupe.search.correlate.Correlator;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/v1/correlate} (a JSON object {@code {q, from, to, kind, interval, signals, hosts}};
 * {@code signals} may be an array) and {@code GET} with the same query parameters: the hosts behind a
 * query's hits, their hit and error histograms and host signals on one bucket grid, and the findings.
 */
final class CorrelateHandler implements Handler<RoutingContext> {
    static final String PATH = "/api/v1/correlate";

    private final ReadEndpoint endpoint;
    private final CorrelationRequestReader reader;
    private final Correlator correlator;

    CorrelateHandler(ReadEndpoint endpoint, CorrelationRequestReader reader, Correlator correlator) {
        this.endpoint = endpoint;
        this.reader = reader;
        this.correlator = correlator;
    }

    void mount(Router router) {
        ReadEndpoint.mountGetAndPost(router, PATH, this);
    }

    @Override
    public void handle(RoutingContext ctx) {
        endpoint.answer(ctx, request -> {
            CorrelationRequest correlation = reader.readCorrelation(RequestParameters.of(ctx, "correlate"), request.now());
            return () -> CorrelationResponseWriter.correlation(correlator.correlate(correlation), request.tookMillis());
        });
    }
}
