package io.loupe.ingest.http;

import io.loupe.index.api.EpochNanos;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.LogStore;
import io.loupe.index.api.LoupeException;
import io.loupe.ingest.IngestConfig;
import io.loupe.ingest.parse.LineError;
import io.loupe.ingest.parse.NativeLogParser;
import io.loupe.ingest.parse.ParsedBatch;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * {@code POST /api/v1/logs}: NDJSON or a JSON array of events, optionally gzipped. Answers only
 * after the accepted events are fsynced in the write-ahead log. The body is collected on the event
 * loop (bounded by {@code ingest.max_body_bytes}); decoding, parsing, the WAL write and indexing
 * run on the ingest worker pool. At most {@code ingest.max_in_flight_requests} are processed at
 * once; more get 429 with {@code Retry-After}.
 */
public final class LogIngestHandler implements Handler<RoutingContext> {
    public static final String PATH = "/api/v1/logs";
    private static final Set<String> MEDIA_TYPES = Set.of("application/x-ndjson", "application/ndjson",
            "application/jsonl", "application/x-jsonlines", "application/json");
    private static final JsonFactory JSON = new JsonFactory();

    private final LogStore store;
    private final IngestConfig config;
    private final WorkerExecutor workers;
    private final Clock clock;
    private final NativeLogParser parser;
    private final Semaphore inFlight;

    public LogIngestHandler(LogStore store, IngestConfig config, WorkerExecutor workers, Clock clock) {
        this.store = store;
        this.config = config;
        this.workers = workers;
        this.clock = clock;
        this.parser = new NativeLogParser(config);
        this.inFlight = new Semaphore(config.maxInFlightRequests());
    }

    public void mount(Router router) {
        router.post(PATH).handler(this);
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String mediaType = MediaType.of(request.getHeader(HttpHeaders.CONTENT_TYPE));
        if (!MEDIA_TYPES.contains(mediaType)) {
            ctx.fail(new LoupeException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "content-type '" + mediaType
                    + "' is not supported here; send application/x-ndjson (one JSON event per line) or application/json (an array)"));
            return;
        }
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && !encoding.isBlank() && !encoding.equalsIgnoreCase("gzip") && !encoding.equalsIgnoreCase("identity")) {
            ctx.fail(new LoupeException(ErrorCode.UNSUPPORTED_ENCODING, "content-encoding '" + encoding + "' is not supported; send gzip or identity"));
            return;
        }
        LogKind kind = LogKind.APPLICATION;
        String kindParam = request.getParam("kind");
        if (kindParam != null) {
            kind = LogKind.fromWireName(kindParam.trim().toLowerCase(Locale.ROOT));
            if (kind == null) {
                ctx.fail(new LoupeException(ErrorCode.INVALID_KIND, "kind '" + kindParam + "' is not one of system, application, audit"));
                return;
            }
        }
        if (!store.ready()) {
            ctx.fail(new LoupeException(ErrorCode.NOT_READY, "the log store is still replaying its write-ahead log; retry shortly"));
            return;
        }
        if (!inFlight.tryAcquire()) {
            ctx.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
            ctx.fail(new LoupeException(ErrorCode.OVERLOADED, "more than " + config.maxInFlightRequests()
                    + " ingest requests in flight (ingest.max_in_flight_requests); retry after 1 second"));
            return;
        }
        LogKind defaultKind = kind;
        long receivedNanos = EpochNanos.of(clock.instant());
        RequestBody.collect(request, config.maxBodyBytes())
                .compose(raw -> workers.<Buffer>executeBlocking(() -> ingest(raw, encoding, defaultKind, receivedNanos), false))
                .onComplete(result -> {
                    inFlight.release();
                    if (result.succeeded()) {
                        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(result.result());
                    } else {
                        if (result.cause() instanceof LoupeException e && e.code() == ErrorCode.BODY_TOO_LARGE) {
                            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                        }
                        ctx.fail(result.cause());
                    }
                });
    }

    private Buffer ingest(Buffer raw, String encoding, LogKind defaultKind, long receivedNanos) {
        byte[] body = RequestBody.decode(raw, encoding, config.maxBodyBytes());
        ParsedBatch batch = parser.parse(body, defaultKind, receivedNanos, store.acceptedTimeRange());
        store.append(batch.accepted());
        return render(batch);
    }

    private static Buffer render(ParsedBatch batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + batch.errors().size() * 128);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("accepted", batch.accepted().size());
            json.writeNumberField("rejected", batch.rejected());
            json.writeArrayFieldStart("errors");
            for (LineError error : batch.errors()) {
                json.writeStartObject();
                json.writeNumberField("line", error.line());
                json.writeStringField("code", error.code().name());
                json.writeStringField("message", error.message());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Buffer.buffer(out.toByteArray());
    }
}
