package io.loupe.ingest.http;

import io.loupe.index.api.EpochNanos;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.LogStore;
import io.loupe.ingest.IngestConfig;
import io.loupe.ingest.parse.EventRules;
import io.loupe.ingest.parse.DecodedLogs;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * The path every log ingest endpoint (native, Elasticsearch bulk, OTLP, Loki) shares: readiness and
 * in-flight checks (503, 429 with Retry-After), the body collected on the event loop within
 * {@code ingest.max_body_bytes}, then decoding and the write-ahead-log write on the ingest worker
 * pool, and the protocol's own response only once the accepted events are fsynced
 * ({@link IngestEndpoint}; one in-flight budget for all log protocols). Thread-safe.
 */
public final class LogIngestPipeline {

    /** Turns a raw (possibly compressed) body into events under the request's rules; runs on a worker thread. */
    @FunctionalInterface
    public interface Decoder<T extends DecodedLogs> {
        T decode(Buffer rawBody, EventRules rules);
    }

    /** Writes the protocol's response for the stored batch; runs on the event loop. */
    @FunctionalInterface
    public interface Responder<T extends DecodedLogs> {
        void respond(RoutingContext ctx, T stored);
    }

    private final LogStore store;
    private final IngestEndpoint endpoint;

    public LogIngestPipeline(LogStore store, IngestConfig config, WorkerExecutor workers, Clock clock) {
        this.store = store;
        this.endpoint = new IngestEndpoint("log", "ingest", store::ready, config, workers, clock);
    }

    public IngestConfig config() {
        return endpoint.config();
    }

    /** @param defaultKind kind of the events that do not name one */
    public <T extends DecodedLogs> void run(RoutingContext ctx, LogKind defaultKind, Decoder<T> decoder, Responder<T> responder) {
        endpoint.run(ctx, (raw, received) -> {
            EventRules rules = new EventRules(EpochNanos.of(received), store.acceptedTimeRange(),
                    config().maxFieldsPerEvent(), defaultKind);
            T batch = decoder.decode(raw, rules);
            store.append(batch.accepted());
            return batch;
        }, responder::respond);
    }

    /** A gzip or identity body as bytes; the other encodings are refused with 415. */
    public byte[] gunzipped(Buffer raw, String contentEncoding) {
        return RequestBody.decode(raw, contentEncoding, config().maxBodyBytes());
    }
}
