package io.loupe.ops;

import io.loupe.index.log.DurableLogStore;
import io.loupe.ops.config.LoupeConfig;
import io.loupe.ops.config.ServerConfig;
import io.loupe.ops.housekeeping.HousekeepingScheduler;
import io.loupe.ops.http.HttpApi;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens the log store (replaying its write-ahead log), wires the HTTP routes
 * of every module behind one error handler, and schedules housekeeping. {@link #stop()} is
 * graceful: stop accepting, let in-flight requests finish, commit, close.
 */
public final class LoupeServer {
    private static final Logger LOG = LoggerFactory.getLogger(LoupeServer.class);

    private final LoupeConfig config;
    private final DurableLogStore store;
    private final HttpApi http;
    private final HousekeepingScheduler housekeeping;
    private boolean stopped;

    private LoupeServer(LoupeConfig config, DurableLogStore store, HttpApi http, HousekeepingScheduler housekeeping) {
        this.config = config;
        this.store = store;
        this.http = http;
        this.housekeeping = housekeeping;
    }

    public static LoupeServer start(LoupeConfig config, Clock clock) throws Exception {
        ServerConfig server = config.server();
        DurableLogStore store = DurableLogStore.openUnrecovered(server.dataDir(), config.logStore(), config.wal(), clock);
        HttpApi http = null;
        try {
            http = HttpApi.start(config, store, clock);
            LOG.info("Loupe listening on http://{}:{}; replaying the write-ahead log (ingest answers 503 until done)",
                    config.server().host(), http.port());
            store.recover();
            HousekeepingScheduler housekeeping = new HousekeepingScheduler();
            housekeeping.every("refresh", Duration.ofMillis(server.refreshMillis()), store::refresh);
            housekeeping.every("commit", Duration.ofSeconds(server.commitSeconds()), store::commit);
            housekeeping.every("retention", Duration.ofMinutes(server.retentionMinutes()), store::applyRetention);
            housekeeping.start();
            LoupeServer started = new LoupeServer(config, store, http, housekeeping);
            started.banner();
            return started;
        } catch (Exception | Error e) {
            if (http != null) {
                http.close();
            }
            store.close();
            throw e;
        }
    }

    private void banner() {
        DurableLogStore.RecoveryReport recovery = store.recoveryReport();
        LOG.info("Loupe ready on http://{}:{} with data in {}", config.server().host(), port(),
                config.server().dataDir().toAbsolutePath().normalize());
        LOG.info("write-ahead log replayed in {} ms: {} record(s), {} event(s) re-indexed, {} skipped as past retention{}",
                recovery.took().toMillis(), recovery.walRecords(), recovery.eventsReplayed(), recovery.eventsSkippedAsExpired(),
                recovery.bytesCut() > 0 ? "; cut " + recovery.bytesCut() + " byte(s) of torn tail (" + recovery.cutReason() + ")" : "");
    }

    public int port() {
        return http.port();
    }

    public DurableLogStore store() {
        return store;
    }

    /** Stops accepting requests, waits for in-flight ones, then commits and closes the store. Idempotent. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        LOG.info("stopping: no new requests, waiting up to {} s for in-flight ones", config.server().shutdownSeconds());
        try {
            http.shutdown(Duration.ofSeconds(config.server().shutdownSeconds()));
        } catch (RuntimeException e) {
            LOG.warn("HTTP server did not shut down cleanly: {}", e.toString());
        }
        try {
            housekeeping.close();
        } catch (Exception e) {
            LOG.warn("housekeeping scheduler did not stop cleanly: {}", e.toString());
        }
        try {
            store.close();
        } catch (Exception e) {
            LOG.error("closing the log store failed; the write-ahead log will be replayed at next start", e);
        }
        http.close();
        LOG.info("stopped");
    }
}
