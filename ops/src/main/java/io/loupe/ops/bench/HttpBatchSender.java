package io.loupe.ops.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends every batch of a {@link BatchFile} to an HTTP ingest endpoint of its {@link IngestProtocol}
 * over a fixed number of concurrent HTTP/1.1 connections, each one request at a time, as a shipper
 * with that many workers would. Timing runs from the first request to the last 200. Every response
 * must be 200 and store all events of its batch; a 429 is retried after a short pause and counted.
 * Progress goes to stderr. One {@link #sendAll} at a time.
 */
final class HttpBatchSender {
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);
    private static final long RETRY_PAUSE_MILLIS = 50;

    /** What a run did: events accepted, wall time from first request to last answer, 429s retried. */
    record Outcome(long accepted, long elapsedNanos, int retries) {
        double eventsPerSecond() {
            return accepted * 1e9 / elapsedNanos;
        }
    }

    private final URI endpoint;
    private final IngestProtocol protocol;
    private final int connections;
    private final HttpClient client;

    HttpBatchSender(URI endpoint, IngestProtocol protocol, int connections) {
        if (connections < 1) {
            throw new IllegalArgumentException("at least one connection is needed, got " + connections);
        }
        this.endpoint = endpoint;
        this.protocol = protocol;
        this.connections = connections;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    Outcome sendAll(BatchFile batches, String label) throws Exception {
        AtomicInteger nextBatch = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        AtomicInteger retries = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        ExecutorService senders = Executors.newFixedThreadPool(connections, Thread.ofPlatform().name("bench-sender-", 0).factory());
        long started = System.nanoTime();
        ProgressReporter progress = ProgressReporter.start(label, batches.events(), accepted::get);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                workers.add(senders.submit(() -> {
                    int batch;
                    while (!failed.get() && (batch = nextBatch.getAndIncrement()) < batches.batchCount()) {
                        try {
                            accepted.addAndGet(send(batches, batch, retries));
                        } catch (IOException | RuntimeException e) {
                            failed.set(true);
                            throw e;
                        }
                    }
                    return null;
                }));
            }
            WorkerThreads.awaitAll(workers);
            return new Outcome(accepted.get(), System.nanoTime() - started, retries.get());
        } finally {
            progress.close();
            senders.shutdownNow();
        }
    }

    private long send(BatchFile batches, int batch, AtomicInteger retries) throws IOException {
        byte[] body = batches.read(batch);
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", protocol.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        while (true) {
            HttpResponse<byte[]> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while sending batch " + batch, e);
            }
            if (response.statusCode() == 429) {
                retries.incrementAndGet();
                sleep(RETRY_PAUSE_MILLIS);
                continue;
            }
            String text = new String(response.body(), StandardCharsets.UTF_8);
            if (response.statusCode() != 200) {
                throw new IOException("batch " + batch + " answered " + response.statusCode() + ": " + abbreviate(text));
            }
            String refusal = protocol.refusal(response.body(), batches.eventsIn(batch));
            if (refusal != null) {
                throw new IOException("batch " + batch + " of " + batches.eventsIn(batch) + " events: " + refusal
                        + "; the server answered " + abbreviate(text));
            }
            return batches.eventsIn(batch);
        }
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to retry", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "...";
    }
}
