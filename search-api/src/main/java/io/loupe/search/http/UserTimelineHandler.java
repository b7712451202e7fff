package io.loupe.search.http;

import io.loupe.search.timeline.TimelineRequest;
import io.loupe.search.timeline.TimelineRequestReader;
import io.loupe.search.timeline.UserTimeline;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v1/users/{user_id}/timeline?from=&to=&kind=&limit=&cursor=}: one page of a user's events grouped by request. */
final class UserTimelineHandler implements Handler<RoutingContext> {
    static final String PATH = "/api/v1/users/:user_id/timeline";

    private final ReadEndpoint endpoint;
    private final TimelineRequestReader reader;
    private final UserTimeline timeline;

    UserTimelineHandler(ReadEndpoint endpoint, TimelineRequestReader reader, UserTimeline timeline) {
        this.endpoint = endpoint;
        this.reader = reader;
        this.timeline = timeline;
    }

    void mount(Router router) {
        router.get(PATH).handler(this);
    }

    @Override
    public void handle(RoutingContext ctx) {
        endpoint.answer(ctx, request -> {
            TimelineRequest page = reader.read(ctx.pathParam("user_id"), ctx.request()::getParam, request.now());
            return () -> TimelineResponseWriter.page(timeline.page(page), request.tookMillis());
        });
    }
}
