package io.loupe.ops.it;

import static io.loupe.ops.it.LoupeApi.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Client threads that ingest batches of events, each with a unique {@code request_id}, until the
 * server goes away, remembering which ids were sent and which were acknowledged with a 200.
 * An id is {@code <prefix>-c<thread>-<batch>-<position>}; its message is {@code payload of <id>}. Every
 * third event of a batch is an audit event.
 */
final class AcknowledgedIngestion implements AutoCloseable {
    static final String SERVICE = "crash-test";

    private final LoupeApi api;
    private final String prefix;
    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final CountDownLatch firstAcknowledgement = new CountDownLatch(1);
    private final AtomicReference<String> unexpected = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;
    private volatile boolean serverKilled;

    private AcknowledgedIngestion(LoupeApi api, String prefix) {
        this.api = api;
        this.prefix = prefix;
    }

    static AcknowledgedIngestion start(LoupeApi api, String prefix, int clients, long seed) {
        AcknowledgedIngestion ingestion = new AcknowledgedIngestion(api, prefix);
        for (int client = 0; client < clients; client++) {
            int number = client;
            Random random = new Random(seed + client);
            ingestion.threads.add(Thread.ofPlatform().name("ingest-client-" + prefix + "-" + client)
                    .start(() -> ingestion.run(number, random)));
        }
        return ingestion;
    }

    static String message(String id) {
        return "payload of " + id;
    }

    private void run(int client, Random random) {
        for (int batch = 0; !stopping; batch++) {
            int size = 1 + random.nextInt(40);
            List<String> ids = new ArrayList<>(size);
            String[] lines = new String[size];
            for (int i = 0; i < size; i++) {
                String id = prefix + "-c" + client + "-" + batch + "-" + i;
                ids.add(id);
                lines[i] = i % 3 == 1 // every third event is an audit event, so a kill also cuts through the audit hash chain
                        ? event("timestamp", Instant.now().toString(), "kind", "audit", "service", SERVICE, "request_id", id,
                                "actor", "client-" + client, "action", "test.ingest", "outcome", "success", "message", message(id))
                        : event("timestamp", Instant.now().toString(), "service", SERVICE, "request_id", id, "message", message(id));
            }
            sent.addAll(ids);
            LoupeApi.Response response;
            try {
                response = api.ingest(lines);
            } catch (UncheckedIOException e) {
                if (!serverKilled) {
                    unexpected.compareAndSet(null, "client " + client + " lost the server before it was killed: " + e);
                }
                return;
            }
            if (response.status() == 429 || response.status() == 503) {
                continue;
            }
            JsonNode answer = response.status() == 200 ? response.json() : null;
            if (answer == null || answer.path("accepted").asInt() != size || answer.path("rejected").asInt() != 0) {
                unexpected.compareAndSet(null, "client " + client + " got " + response.status() + " " + response.body());
                return;
            }
            acknowledged.addAll(ids);
            firstAcknowledgement.countDown();
        }
    }

    void awaitFirstAcknowledgement(Duration timeout) throws InterruptedException {
        if (!firstAcknowledgement.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("no batch was acknowledged within " + timeout.toMillis() + " ms; " + problem());
        }
    }

    /** Tells the clients that losing the server from now on is expected. */
    void serverKilled() {
        serverKilled = true;
    }

    /** Stops the clients and waits for them; fails when a client saw something other than a 200 or a lost connection. */
    void awaitStopped() throws InterruptedException {
        stopping = true;
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(60));
            if (thread.isAlive()) {
                throw new AssertionError(thread.getName() + " is still waiting for the server 60 s after it was killed");
            }
        }
        if (unexpected.get() != null) {
            throw new AssertionError(problem());
        }
    }

    private String problem() {
        return unexpected.get() == null ? "no client saw an error" : unexpected.get();
    }

    Set<String> sent() {
        return Set.copyOf(sent);
    }

    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** Stops the clients (they also stop on their own once the server is gone). */
    @Override
    public void close() {
        stopping = true;
        try {
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(60));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
