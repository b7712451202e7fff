package io.loupe.ops.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streams every batch of a syslog {@link BatchFile} (octet-counted frames) over a fixed number of TCP
 * connections to the syslog listener, as that many forwarding rsyslog instances would, then waits
 * until search counts every event. Syslog has no acknowledgement, so timing runs from the first byte
 * to the moment the last event is searchable (at most one refresh interval, a poll of 100 ms, late).
 */
final class SyslogStreamSender {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STORE_TIMEOUT = Duration.ofMinutes(10);
    private static final long POLL_MILLIS = 100;

    private final int port;
    private final URI countQuery;
    private final int connections;
    private final HttpClient client = HttpClient.newHttpClient();

    /** @param countQuery a search whose {@code total} counts every generated event */
    SyslogStreamSender(int port, URI countQuery, int connections) {
        this.port = port;
        this.countQuery = countQuery;
        this.connections = connections;
    }

    HttpBatchSender.Outcome sendAll(BatchFile batches, String label) throws Exception {
        AtomicInteger nextBatch = new AtomicInteger();
        AtomicLong stored = new AtomicLong();
        ExecutorService senders = Executors.newFixedThreadPool(connections, Thread.ofPlatform().name("bench-syslog-", 0).factory());
        long started = System.nanoTime();
        ProgressReporter progress = ProgressReporter.start(label, batches.events(), stored::get);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                workers.add(senders.submit(() -> {
                    try (Socket socket = new Socket("127.0.0.1", port); OutputStream out = socket.getOutputStream()) {
                        int batch;
                        while ((batch = nextBatch.getAndIncrement()) < batches.batchCount()) {
                            out.write(batches.read(batch));
                        }
                    }
                    return null;
                }));
            }
            WorkerThreads.awaitAll(workers);
            long deadline = System.nanoTime() + STORE_TIMEOUT.toNanos();
            while (stored.get() < batches.events()) {
                stored.set(count());
                if (System.nanoTime() > deadline) {
                    throw new IOException("after " + STORE_TIMEOUT.toMinutes() + " minutes only " + stored.get() + " of "
                            + batches.events() + " events sent over syslog are searchable");
                }
                Thread.sleep(POLL_MILLIS);
            }
            return new HttpBatchSender.Outcome(stored.get(), System.nanoTime() - started, 0);
        } finally {
            progress.close();
            senders.shutdownNow();
        }
    }

    private long count() throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(countQuery).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("counting events answered " + response.statusCode());
        }
        return JSON.readTree(response.body()).path("total").asLong();
    }
}
