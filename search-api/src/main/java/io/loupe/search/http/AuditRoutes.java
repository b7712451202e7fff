package io.loupe.search.http;

import io.loupe.index.api.LogStore;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import java.time.Clock;

/**
 * Mounts the audit review endpoints: {@code /api/v1/audit/verify}. They answer 503 until the log
 * store has replayed its write-ahead log.
 */
public final class AuditRoutes {
    private AuditRoutes() {
    }

    public static void mount(Router router, LogStore logs, WorkerExecutor workers, Clock clock) {
        ReadEndpoint endpoint = new ReadEndpoint("log", logs::ready, workers, clock);
        new AuditVerifyHandler(endpoint, logs).mount(router);
    }
}
