package io.loupe.search.http;

import io.loupe.search.correlate.CorrelationRequestReader;
import io.loupe.search.correlate.HostMoment;
import io.loupe.search.correlate.HostMomentRequest;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/correlate/host/{host}?at=&window=&interval=&signals=&kind=&limit=}: one host
 * around one moment, its signals and its log lines with errors first.
 */
final class HostMomentHandler implements Handler<RoutingContext> {
    static final String PATH = "/api/v1/correlate/host/:host";

    private final ReadEndpoint endpoint;
    private final CorrelationRequestReader reader;
    private final HostMoment moment;

    HostMomentHandler(ReadEndpoint endpoint, CorrelationRequestReader reader, HostMoment moment) {
        this.endpoint = endpoint;
        this.reader = reader;
        this.moment = moment;
    }

    void mount(Router router) {
        router.get(PATH).handler(this);
    }

    @Override
    public void handle(RoutingContext ctx) {
        endpoint.answer(ctx, request -> {
            HostMomentRequest look = reader.readHostMoment(ctx.pathParam("host"), ctx.request()::getParam, request.now());
            return () -> CorrelationResponseWriter.hostMoment(moment.look(look), request.tookMillis());
        });
    }
}
