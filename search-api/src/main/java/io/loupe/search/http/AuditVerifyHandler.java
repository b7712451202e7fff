package io.loupe.search.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.loupe.index.api.AuditVerification;
import io.loupe.index.api.LogStore;
import io.loupe.index.api.TimeRange;
import io.loupe.search.request.SearchRequestReader;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.function.Function;

/**
 * {@code GET /api/v1/audit/verify?from=&to=}: recomputes the audit hash chain of every audit
 * partition (UTC day) the range touches, from each chain's start, and answers
 * {@code {"status":"intact","events":n,...}} or {@code {"status":"broken","first_bad_event":{...},"reason":"..."}}.
 * Without {@code from} every day still kept is verified.
 */
final class AuditVerifyHandler implements Handler<RoutingContext> {
    static final String PATH = "/api/v1/audit/verify";
    private static final JsonFactory JSON = new JsonFactory();

    private final ReadEndpoint endpoint;
    private final LogStore logs;

    AuditVerifyHandler(ReadEndpoint endpoint, LogStore logs) {
        this.endpoint = endpoint;
        this.logs = logs;
    }

    void mount(Router router) {
        router.get(PATH).handler(this);
    }

    @Override
    public void handle(RoutingContext ctx) {
        endpoint.answer(ctx, request -> {
            TimeRange range = range(ctx.request()::getParam, request.now());
            return () -> render(logs.verifyAudit(range), range, request.tookMillis());
        });
    }

    /** {@code from} and {@code to}, each defaulting to the end of the days still kept (epoch milliseconds). */
    private TimeRange range(Function<String, String> params, Instant now) {
        TimeRange kept = logs.acceptedTimeRange();
        return SearchRequestReader.range(params, now, Long.toString(kept.fromNanos() / 1_000_000),
                Long.toString(kept.toNanos() / 1_000_000));
    }

    static byte[] render(AuditVerification verification, TimeRange range, long tookMillis) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("status", verification.status().wireName());
            json.writeNumberField("events", verification.events());
            if (verification.status() == AuditVerification.Status.BROKEN) {
                json.writeStringField("partition", verification.partition());
                json.writeStringField("reason", verification.reason());
                json.writeFieldName("first_bad_event");
                if (verification.firstBadEvent() == null) {
                    json.writeNull();
                } else {
                    json.writeStartObject();
                    SearchResponseWriter.writeHitFields(json, verification.firstBadEvent(), true);
                    json.writeEndObject();
                }
            }
            json.writeStringField("from", SearchResponseWriter.formatTime(range.fromNanos()));
            json.writeStringField("to", SearchResponseWriter.formatTime(range.toNanos()));
            json.writeArrayFieldStart("partitions");
            for (AuditVerification.PartitionChain chain : verification.partitions()) {
                json.writeStartObject();
                json.writeStringField("partition", chain.partition());
                json.writeNumberField("events", chain.events());
                json.writeNumberField("head_position", chain.headPosition());
                json.writeStringField("head_hash", chain.headHash());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeNumberField("took_ms", tookMillis);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
