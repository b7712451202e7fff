package io.loupe.ops.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * {@code ./loupe bench ingest}: end-to-end HTTP ingest into a fresh Loupe server against bare
 * Lucene on the same events.
 *
 * <ol>
 *   <li>Generate the events into NDJSON batches on disk (not timed).</li>
 *   <li>Start a server, send the batches over {@code connections} connections, time until the last
 *       200 and check every event was accepted; meanwhile watch the heap.</li>
 *   <li>Commit the store, then measure the committed indices under {@code data/logs} against the
 *       raw NDJSON bytes. Stop the server, delete its data.</li>
 *   <li>Index the same batches with {@link LuceneBaseline} in a fresh directory, ingest plus commit.</li>
 * </ol>
 * With {@code --protocol bulk|otlp|syslog} the batches are re-encoded for that protocol (not timed)
 * and sent to a fresh server that way, then sent as native NDJSON to another fresh server; the
 * result puts the two rates side by side instead of the Lucene baseline. Before either is timed,
 * the first {@value #WARM_UP_BATCHES} batches go both ways to throwaway servers, so that neither
 * measurement pays the JVM's warm-up alone (the first server of a JVM is otherwise ~40% slower).
 */
final class IngestBenchmark {
    private static final double MIB = 1024.0 * 1024.0;
    static final int WARM_UP_BATCHES = 50;

    private IngestBenchmark() {
    }

    static ResultLine run(BenchOptions options, Map<String, String> environment) throws Exception {
        try (TempDirectory work = TempDirectory.create("loupe-bench-ingest-")) {
            EventGenerator generator = new EventGenerator(options.seed(), options.events(), Instant.now());
            long generating = System.nanoTime();
            try (BatchFile batches = BatchFile.write(generator, options.batch(), work.path().resolve("events.ndjson"))) {
                System.err.printf("generated %s in %.1f s (%.1f bytes per event)%n", batches,
                        (System.nanoTime() - generating) / 1e9, (double) batches.rawBytes() / batches.events());
                if (options.protocol() != IngestProtocol.NATIVE) {
                    return compareWithNative(options, environment, batches, work.path());
                }
                LoupeFigures loupe = measureLoupe(batches, IngestProtocol.NATIVE, work.path().resolve("loupe-data"), options.connections());
                System.gc();
                LuceneBaseline.Result baseline = LuceneBaseline.run(batches, work.path().resolve("lucene-baseline"));
                if (baseline.documents() != batches.events()) {
                    throw new IllegalStateException("the Lucene baseline indexed " + baseline.documents() + " of " + batches.events() + " events");
                }
                System.err.printf("lucene baseline: %,.0f ev/s (ingest + commit), %.4f bytes on disk per raw byte in %d segments: %s%n",
                        baseline.eventsPerSecond(), (double) baseline.size().totalBytes() / batches.rawBytes(),
                        baseline.size().segments(), baseline.size().describe(batches.rawBytes()));
                return new ResultLine()
                        .put("benchmark", "ingest")
                        .put("events", batches.events())
                        .put("connections", options.connections())
                        .put("events_per_s", Math.round(loupe.eventsPerSecond()))
                        .put("lucene_baseline_events_per_s", Math.round(baseline.eventsPerSecond()))
                        .put("ratio", loupe.eventsPerSecond() / baseline.eventsPerSecond(), 3)
                        .put("bytes_on_disk_per_raw_byte", (double) loupe.committedBytes() / batches.rawBytes(), 4)
                        .put("heap_peak_mb", Math.round(loupe.heapPeakBytes() / MIB))
                        .put("command", options.command(environment));
            }
        }
    }

    private static ResultLine compareWithNative(BenchOptions options, Map<String, String> environment, BatchFile batches, Path work)
            throws Exception {
        IngestProtocol protocol = options.protocol();
        try (BatchFile encoded = batches.transcode(protocol.encoder(), work.resolve("events." + protocol.wireName()))) {
            System.err.printf("encoded for %s: %,d bytes (%.1f per event)%n", protocol.wireName(), encoded.rawBytes(),
                    (double) encoded.rawBytes() / encoded.events());
            try (BatchFile warmProtocol = encoded.prefix(WARM_UP_BATCHES); BatchFile warmNative = batches.prefix(WARM_UP_BATCHES)) {
                System.err.printf("warming up with %,d events each way (not measured)%n", warmNative.events());
                measureLoupe(warmProtocol, protocol, work.resolve("warm-" + protocol.wireName()), options.connections());
                measureLoupe(warmNative, IngestProtocol.NATIVE, work.resolve("warm-native"), options.connections());
            }
            System.gc();
            LoupeFigures viaProtocol = measureLoupe(encoded, protocol, work.resolve("loupe-" + protocol.wireName()), options.connections());
            System.gc();
            LoupeFigures viaNative = measureLoupe(batches, IngestProtocol.NATIVE, work.resolve("loupe-native"), options.connections());
            return new ResultLine()
                    .put("benchmark", "ingest")
                    .put("protocol", protocol.wireName())
                    .put("events", batches.events())
                    .put("connections", options.connections())
                    .put("events_per_s", Math.round(viaProtocol.eventsPerSecond()))
                    .put("native_events_per_s", Math.round(viaNative.eventsPerSecond()))
                    .put("ratio_to_native", viaProtocol.eventsPerSecond() / viaNative.eventsPerSecond(), 3)
                    .put("request_bytes_per_event", (double) encoded.rawBytes() / encoded.events(), 1)
                    .put("heap_peak_mb", Math.round(viaProtocol.heapPeakBytes() / MIB))
                    .put("command", options.command(environment));
        }
    }

    /** What the Loupe half of the run measured. */
    private record LoupeFigures(double eventsPerSecond, long committedBytes, long heapPeakBytes) {
    }

    private static LoupeFigures measureLoupe(BatchFile batches, IngestProtocol protocol, Path dataDir, int connections) throws Exception {
        try (BenchServer server = BenchServer.start(dataDir)) {
            HttpBatchSender.Outcome sent;
            long committing;
            long committed;
            HeapPeakMonitor heap = HeapPeakMonitor.start();
            try {
                String label = "loupe ingest (" + protocol.wireName() + ")";
                sent = protocol == IngestProtocol.SYSLOG
                        ? new SyslogStreamSender(server.syslogTcpPort(), server.uri("/api/v1/search?limit=0&from=now-3d&to=now%2B1d"),
                                connections).sendAll(batches, label)
                        : new HttpBatchSender(server.uri(protocol.path()), protocol, connections).sendAll(batches, label);
                committing = System.nanoTime();
                server.server().store().commit();
                committed = System.nanoTime();
            } finally {
                heap.close();
            }
            if (sent.accepted() != batches.events()) {
                throw new IllegalStateException("the server accepted " + sent.accepted() + " of " + batches.events() + " events");
            }
            CommittedIndexSize size = CommittedIndexSize.of(server.logsDir());
            System.err.printf("loupe: %,d events in %.1f s = %,.0f ev/s over %s (%d answers 429 retried); commit after it %.1f s%n",
                    sent.accepted(), sent.elapsedNanos() / 1e9, sent.eventsPerSecond(), protocol.wireName(), sent.retries(),
                    (committed - committing) / 1e9);
            System.err.printf("loupe: heap peak %.0f MiB, peak after GC %.0f MiB, %d collections%n",
                    heap.peakUsedBytes() / MIB, heap.peakAfterGcBytes() / MIB, heap.collections());
            System.err.printf("loupe: %.4f bytes on disk per raw byte, %d partitions, %d segments: %s%n",
                    (double) size.totalBytes() / batches.rawBytes(), size.indices(), size.segments(),
                    size.describe(batches.rawBytes()));
            return new LoupeFigures(sent.eventsPerSecond(), size.totalBytes(), heap.peakUsedBytes());
        }
    }
}
