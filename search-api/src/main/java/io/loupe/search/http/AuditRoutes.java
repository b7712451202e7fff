package io.loupe.search.http;

import io.loupe.index.api.LogStore;
import io.loupe.search.AuditConfig;
import io.loupe.search.SearchConfig;
import io.loupe.search.request.AuditRequestReader;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import java.time.Clock;

/**
 * Mounts the audit review endpoints (docs/audit.md): {@code /api/v1/audit/search}
 * ({@link AuditSearchHandler}) and {@code /api/v1/audit/export} ({@link AuditExportHandler}), both
 * over {@code kind=audit} events with the same filters, and {@code /api/v1/audit/verify}
 * ({@link AuditVerifyHandler}); their store reads run on the search worker pool. They answer 503
 * until the log store has replayed its write-ahead log.
 */
public final class AuditRoutes {
    private AuditRoutes() {
    }

    public static void mount(Router router, LogStore logs, SearchConfig search, AuditConfig audit, WorkerExecutor workers,
                             Clock clock) {
        ReadEndpoint endpoint = new ReadEndpoint("log", logs::ready, workers, clock);
        AuditRequestReader reader = new AuditRequestReader(search);
        new AuditSearchHandler(logs, endpoint, reader).mount(router);
        new AuditExportHandler(logs, reader, audit, workers, clock).mount(router);
        new AuditVerifyHandler(endpoint, logs).mount(router);
    }
}
