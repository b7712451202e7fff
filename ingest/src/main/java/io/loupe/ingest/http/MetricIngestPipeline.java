package io.loupe.ingest.http;

import io.loupe.index.api.MetricAppendResult;
import io.loupe.index.api.MetricStore;
import io.loupe.ingest.IngestConfig;
import io.loupe.ingest.parse.ParsedSamples;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * The path every metric ingest endpoint shares: readiness and in-flight checks (503, 429 with
 * Retry-After), the body collected on the event loop within {@code ingest.max_body_bytes}, then
 * decoding, the write-ahead-log write and the head insert on the ingest worker pool, and the
 * protocol's own response once the accepted samples are fsynced ({@link IngestEndpoint}; one
 * in-flight budget for all metric protocols). Thread-safe.
 */
public final class MetricIngestPipeline {

    /** Turns a raw (possibly compressed) body into samples; runs on a worker thread. */
    @FunctionalInterface
    public interface Decoder {
        ParsedSamples decode(Buffer rawBody, long receivedMillis);
    }

    /** Writes the protocol's response; runs on the event loop. */
    @FunctionalInterface
    public interface Responder {
        void respond(RoutingContext ctx, MetricIngestOutcome outcome);
    }

    private final MetricStore store;
    private final IngestEndpoint endpoint;

    public MetricIngestPipeline(MetricStore store, IngestConfig config, WorkerExecutor workers, Clock clock) {
        this.store = store;
        this.endpoint = new IngestEndpoint("metric", "metric ingest", store::ready, config, workers, clock);
    }

    public IngestConfig config() {
        return endpoint.config();
    }

    public void run(RoutingContext ctx, Decoder decoder, Responder responder) {
        endpoint.run(ctx, (raw, received) -> {
            ParsedSamples parsed = decoder.decode(raw, received.toEpochMilli());
            MetricAppendResult stored = store.append(parsed.accepted());
            return new MetricIngestOutcome(parsed, stored);
        }, responder::respond);
    }

    /** A gzip or identity body as bytes; the other encodings are refused with 415. */
    public byte[] gunzipped(Buffer raw, String contentEncoding) {
        return RequestBody.decode(raw, contentEncoding, config().maxBodyBytes());
    }
}
