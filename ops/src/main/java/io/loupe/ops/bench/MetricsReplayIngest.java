package io.loupe.ops.bench;

import io.loupe.index.api.Labels;
import io.loupe.index.metric.DurableMetricStore;
import io.loupe.index.metric.MetricStoreConfig;
import io.loupe.ingest.parse.MetricLimits;
import io.loupe.ops.config.LoupeConfig;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The ingest phase of {@code ./loupe bench metrics}: the recorded bodies replayed cyclically as
 * {@code hosts} simulated hosts scraped every {@code interval} over simulated time, at full speed.
 *
 * <p>One worker thread per host parses and appends its scrape of a tick (as the server's scrape path
 * does, one append per scrape); when every host has written the tick, the last worker to arrive moves
 * the {@link ReplayClock} to the next tick and seals the blocks that can no longer receive samples,
 * as the server's housekeeping would. Host {@code h} starts its cycle {@code h/hosts} of the way
 * into the recording, so the hosts do not send the same body at the same tick. Each host has the
 * labels {@code job="node"}, {@code instance="bench-host-<h>:9100"} and {@code host="bench-host-<h>"}.
 * Counters jump back where the cycle wraps, as after an exporter restart.
 */
final class MetricsReplayIngest {

    /**
     * @param samples          samples stored
     * @param scrapes          scrapes written (hosts × ticks)
     * @param wallNanos        wall time of the whole phase: parsing, appending and sealing
     * @param sealNanos        part of it spent sealing blocks
     * @param sealedBlocks     blocks sealed during the phase
     * @param samplesSealed    samples in the sealed blocks
     * @param endMillis        end of the simulated range (exclusive), where the clock stands
     */
    record Figures(long samples, long scrapes, long wallNanos, long sealNanos, int sealedBlocks, long samplesSealed, long endMillis) {
        double samplesPerSecond() {
            return samples * 1e9 / wallNanos;
        }
    }

    private final NodeExporterRecording recording;
    private final DurableMetricStore store;
    private final MetricStoreConfig config;
    private final MetricLimits limits;
    private final ReplayClock clock;
    private final int hosts;
    private final long intervalMillis;
    private final int ticks;
    private final long startMillis;
    private final AtomicLongArray samplesPerTick;
    private int tick;
    private int sealedBlocks;
    private long sealNanos;
    private long lastSealBoundary = Long.MIN_VALUE;
    private long nextProgressNanos;
    private long startNanos;

    /**
     * @param store       a fresh store whose clock is {@code clock}
     * @param startMillis the first simulated tick; the clock must not be past it
     */
    MetricsReplayIngest(NodeExporterRecording recording, DurableMetricStore store, LoupeConfig settings, ReplayClock clock,
                        MetricsBenchOptions options, long startMillis) {
        if (options.ticks() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--hours " + options.hours() + " at --interval-seconds " + options.intervalSeconds()
                    + " gives more ticks than this benchmark counts");
        }
        this.recording = recording;
        this.store = store;
        this.config = settings.metricStore();
        this.limits = settings.ingest().metricLimits();
        this.clock = clock;
        this.hosts = options.hosts();
        this.intervalMillis = options.intervalSeconds() * 1000L;
        this.ticks = (int) options.ticks();
        this.startMillis = startMillis;
        this.samplesPerTick = new AtomicLongArray(ticks);
    }

    static String hostName(int host) {
        return "bench-host-" + host;
    }

    Figures run() throws Exception {
        clock.advanceTo(startMillis);
        CyclicBarrier everyHostWrote = new CyclicBarrier(hosts, this::nextTick);
        MetricsScrapeWriter writer = new MetricsScrapeWriter(store, limits);
        ExecutorService workers = Executors.newFixedThreadPool(hosts, Thread.ofPlatform().name("bench-host-", 0).factory());
        startNanos = System.nanoTime();
        nextProgressNanos = startNanos + ProgressReporter.INTERVAL_SECONDS * 1_000_000_000L;
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int host = 0; host < hosts; host++) {
                int h = host;
                running.add(workers.submit(() -> {
                    replayHost(h, writer, everyHostWrote);
                    return null;
                }));
            }
            awaitWorkers(running);
        } finally {
            workers.shutdownNow();
        }
        long wall = System.nanoTime() - startNanos;
        long samples = 0;
        long samplesSealed = 0;
        for (int k = 0; k < ticks; k++) {
            samples += samplesPerTick.get(k);
            if (startMillis + k * intervalMillis < lastSealBoundary) {
                samplesSealed += samplesPerTick.get(k);
            }
        }
        return new Figures(samples, (long) hosts * ticks, wall, sealNanos, sealedBlocks, samplesSealed,
                startMillis + ticks * intervalMillis);
    }

    private void replayHost(int host, MetricsScrapeWriter writer, CyclicBarrier everyHostWrote) throws Exception {
        List<NodeExporterRecording.Scrape> scrapes = recording.scrapes();
        int offset = (int) ((long) host * scrapes.size() / hosts);
        Labels target = Labels.of("job", "node", "instance", hostName(host) + ":9100", "host", hostName(host));
        try {
            for (int k = 0; k < ticks; k++) {
                byte[] body = scrapes.get((k + offset) % scrapes.size()).body();
                samplesPerTick.addAndGet(k, writer.write(body, startMillis + k * intervalMillis, target).size());
                everyHostWrote.await();
            }
        } catch (Exception | Error e) {
            everyHostWrote.reset();
            throw e;
        }
    }

    /** Runs in the last worker to reach the barrier, while the others wait: next tick, sealing, progress. */
    private void nextTick() {
        tick++;
        long now = startMillis + tick * intervalMillis;
        clock.advanceTo(now);
        long boundary = config.blockStart(now - config.lateSampleMinutes() * 60_000L);
        if (boundary > lastSealBoundary) {
            long sealing = System.nanoTime();
            try {
                sealedBlocks += store.sealReadyBlocks();
            } catch (IOException e) {
                throw new IllegalStateException("sealing metric blocks up to " + Instant.ofEpochMilli(boundary) + " failed: "
                        + e.getMessage(), e);
            }
            sealNanos += System.nanoTime() - sealing;
            lastSealBoundary = boundary;
        }
        long nowNanos = System.nanoTime();
        if (nowNanos >= nextProgressNanos) {
            System.err.printf(Locale.ROOT, "ingest: %,d / %,d ticks (simulated %s), %.0f s%n", tick, ticks, Instant.ofEpochMilli(now),
                    (nowNanos - startNanos) / 1e9);
            nextProgressNanos += ProgressReporter.INTERVAL_SECONDS * 1_000_000_000L;
        }
    }

    /** Waits for every worker; rethrows the failure that broke the barrier, not the others' broken-barrier errors. */
    private static void awaitWorkers(List<Future<?>> running) throws Exception {
        Exception first = null;
        for (Future<?> worker : running) {
            try {
                worker.get();
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (first == null || first instanceof BrokenBarrierException) {
                    first = cause instanceof Exception exception ? exception : e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
