package io.loupe.search.http;

import io.loupe.index.api.LogStore;
import io.loupe.search.SearchConfig;
import io.loupe.search.TailConfig;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import java.time.Clock;

/**
 * Mounts the routes that help explore logs beside search: the live tail ({@link TailHandler}), the
 * field listing and top values ({@link FieldsHandler}) and an event's context ({@link EventContextHandler}),
 * all on the search worker pool.
 */
public final class ExploreRoutes {

    private ExploreRoutes() {
    }

    public static void mount(Router router, LogStore store, SearchConfig search, TailConfig tail, WorkerExecutor searchWorkers,
                             Clock clock) {
        new TailHandler(store, search, tail, searchWorkers, clock).mount(router);
        new FieldsHandler(store, search, searchWorkers, clock).mount(router);
        new EventContextHandler(store, searchWorkers, clock).mount(router);
    }
}
