package io.loupe.search.http;

import io.loupe.index.api.LogStore;
import io.loupe.index.api.MetricStore;
import io.loupe.search.SearchConfig;
import io.loupe.search.correlate.CorrelationRequestReader;
import io.loupe.search.correlate.Correlator;
import io.loupe.search.correlate.HostMoment;
import io.loupe.search.correlate.HostSignalAlignment;
import io.loupe.search.metric.MetricQueryExecutor;
import io.loupe.search.timeline.TimelineRequestReader;
import io.loupe.search.timeline.UserTimeline;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import java.time.Clock;

/**
 * Mounts the endpoints that read logs and host signals together: {@code /api/v1/correlate},
 * {@code /api/v1/correlate/host/{host}} and {@code /api/v1/users/{user_id}/timeline}. They answer
 * 503 until both the log and the metric store have replayed their write-ahead logs.
 */
public final class CorrelationRoutes {
    private CorrelationRoutes() {
    }

    public static void mount(Router router, LogStore logs, MetricStore metrics, SearchConfig config, WorkerExecutor workers,
                             Clock clock) {
        ReadEndpoint endpoint = new ReadEndpoint("log or metric", () -> logs.ready() && metrics.ready(), workers, clock);
        HostSignalAlignment signals = new HostSignalAlignment(new MetricQueryExecutor(metrics, config));
        CorrelationRequestReader reader = new CorrelationRequestReader(config);
        new CorrelateHandler(endpoint, reader, new Correlator(logs, signals)).mount(router);
        new HostMomentHandler(endpoint, reader, new HostMoment(logs, signals)).mount(router);
        new UserTimelineHandler(endpoint, new TimelineRequestReader(config), new UserTimeline(logs, signals, config)).mount(router);
    }
}
