package io.loupe.ops;

import io.loupe.index.log.DurableLogStore;
import io.loupe.index.metric.DurableMetricStore;
import io.loupe.ingest.syslog.SyslogListener;
import io.loupe.ops.config.LoupeConfig;
import io.loupe.ops.config.ServerConfig;
import io.loupe.ops.housekeeping.HousekeepingScheduler;
import io.loupe.ops.http.HttpApi;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens the log and metric stores (replaying their write-ahead logs), wires the HTTP routes
 * of every module behind one error handler, opens the syslog listeners once the logs are replayed, and
 * schedules housekeeping. {@link #stop()} is graceful: stop accepting, let in-flight requests and the
 * syslog connections drain, commit, close.
 */
public final class LoupeServer {
    private static final Logger LOG = LoggerFactory.getLogger(LoupeServer.class);
    /** How often the metric head is checked for blocks past their late-sample window. */
    private static final long SEAL_CHECK_SECONDS = 30;

    private final LoupeConfig config;
    private final DurableLogStore store;
    private final DurableMetricStore metrics;
    private final HttpApi http;
    private final HousekeepingScheduler housekeeping;
    private final SyslogListener syslog;
    private boolean stopped;

    private LoupeServer(LoupeConfig config, DurableLogStore store, DurableMetricStore metrics, HttpApi http,
                        HousekeepingScheduler housekeeping, SyslogListener syslog) {
        this.config = config;
        this.store = store;
        this.metrics = metrics;
        this.http = http;
        this.housekeeping = housekeeping;
        this.syslog = syslog;
    }

    public static LoupeServer start(LoupeConfig config, Clock clock) throws Exception {
        ServerConfig server = config.server();
        DurableLogStore store = DurableLogStore.openUnrecovered(server.dataDir(), config.logStore(), config.wal(), clock);
        DurableMetricStore metrics;
        try {
            metrics = DurableMetricStore.openUnrecovered(server.dataDir(), config.metricStore(), config.wal(), clock);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        HttpApi http = null;
        SyslogListener syslog = null;
        try {
            http = HttpApi.start(config, store, metrics, clock);
            LOG.info("Loupe listening on http://{}:{}; replaying the write-ahead logs (ingest answers 503 until done)",
                    config.server().host(), http.port());
            store.recover();
            metrics.recover();
            metrics.rollUpMissing();
            HousekeepingScheduler housekeeping = new HousekeepingScheduler();
            housekeeping.every("refresh", Duration.ofMillis(server.refreshMillis()), store::refresh);
            housekeeping.every("commit", Duration.ofSeconds(server.commitSeconds()), () -> {
                store.commit();
                metrics.commit();
            });
            housekeeping.every("seal", Duration.ofSeconds(SEAL_CHECK_SECONDS), metrics::sealReadyBlocks);
            housekeeping.every("retention", Duration.ofMinutes(server.retentionMinutes()), () -> {
                store.applyRetention();
                metrics.applyRetention();
            });
            housekeeping.start();
            http.startScrapers(metrics, config.scrape(), config.ingest().metricLimits());
            syslog = new SyslogListener(config.syslog(), store, config.ingest().maxFieldsPerEvent(), clock);
            syslog.start();
            LoupeServer started = new LoupeServer(config, store, metrics, http, housekeeping, syslog);
            started.banner();
            return started;
        } catch (Exception | Error e) {
            if (syslog != null) {
                syslog.close();
            }
            if (http != null) {
                http.close();
            }
            metrics.close();
            store.close();
            throw e;
        }
    }

    private void banner() {
        DurableLogStore.RecoveryReport recovery = store.recoveryReport();
        LOG.info("Loupe ready on http://{}:{} with data in {}", config.server().host(), port(),
                config.server().dataDir().toAbsolutePath().normalize());
        LOG.info("syslog on {}: tcp {}, udp {}, tls {} (-1 = off)", config.syslog().host(), syslog.tcpPort(), syslog.udpPort(),
                syslog.tlsPort());
        LOG.info("write-ahead log replayed in {} ms: {} record(s), {} event(s) re-indexed, {} skipped as past retention{}",
                recovery.took().toMillis(), recovery.walRecords(), recovery.eventsReplayed(), recovery.eventsSkippedAsExpired(),
                recovery.bytesCut() > 0 ? "; cut " + recovery.bytesCut() + " byte(s) of torn tail (" + recovery.cutReason() + ")" : "");
        DurableMetricStore.RecoveryReport metricRecovery = metrics.recoveryReport();
        LOG.info("metric write-ahead log replayed in {} ms: {} record(s), {} sample(s) back in the head, {} already sealed; {} series{}",
                metricRecovery.took().toMillis(), metricRecovery.walRecords(), metricRecovery.samplesReplayed(),
                metricRecovery.samplesAlreadySealed(), metricRecovery.series(),
                metricRecovery.corruptSegments().isEmpty() ? "" : "; UNREADABLE segments skipped: " + metricRecovery.corruptSegments());
    }

    public int port() {
        return http.port();
    }

    /** The syslog listeners' bound ports (-1 for one that is off). */
    public SyslogListener syslog() {
        return syslog;
    }

    public DurableLogStore store() {
        return store;
    }

    public DurableMetricStore metrics() {
        return metrics;
    }

    /** Stops accepting requests and syslog connections, waits for in-flight ones, then commits and closes the store. Idempotent. */
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
        syslog.close();
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
        try {
            metrics.close();
        } catch (Exception e) {
            LOG.error("closing the metric store failed; its write-ahead log will be replayed at next start", e);
        }
        http.close();
        LOG.info("stopped");
    }
}
