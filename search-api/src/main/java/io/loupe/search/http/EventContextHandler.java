package io.loupe.search.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.loupe.index.api.LogSearchResult.LogHit;
import io.loupe.index.api.LogStore;
import io.loupe.search.context.EventContext;
import io.loupe.search.context.EventContextFinder;
import io.loupe.search.context.EventContextRequest;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;

/**
 * {@code GET /api/v1/events/{id}/context?before=n&after=n}: the event and the lines of its host and
 * source around it ({@link EventContextFinder}), as
 * {@code {"event":{...},"before":[...],"after":[...],"matched_on":[...],"note"?,"took_ms"}} with
 * each line rendered as a search hit, oldest first in both lists. 404 {@code EVENT_NOT_FOUND} for an
 * unknown id. Goes through {@link ReadEndpoint}.
 */
public final class EventContextHandler {
    public static final String PATH = "/api/v1/events/:id/context";
    private static final JsonFactory JSON = new JsonFactory();

    private final ReadEndpoint endpoint;
    private final EventContextFinder finder;

    public EventContextHandler(LogStore store, WorkerExecutor workers, Clock clock) {
        this.endpoint = new ReadEndpoint("log", store::ready, workers, clock);
        this.finder = new EventContextFinder(store);
    }

    public void mount(Router router) {
        router.get(PATH).handler(this::context);
    }

    private void context(RoutingContext ctx) {
        endpoint.answer(ctx, request -> {
            EventContextRequest read = EventContextRequest.read(ctx.pathParam("id"), ctx.request()::getParam);
            return () -> render(finder.find(read), request.tookMillis());
        });
    }

    private static byte[] render(EventContext context, long tookMillis) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + (context.before().size() + context.after().size()) * 512);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeFieldName("event");
            writeHit(json, context.event());
            writeHits(json, "before", context.before());
            writeHits(json, "after", context.after());
            json.writeArrayFieldStart("matched_on");
            for (String field : context.matchedOn()) {
                json.writeString(field);
            }
            json.writeEndArray();
            if (context.note() != null) {
                json.writeStringField("note", context.note());
            }
            json.writeNumberField("took_ms", tookMillis);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeHits(JsonGenerator json, String name, List<LogHit> hits) throws IOException {
        json.writeArrayFieldStart(name);
        for (LogHit hit : hits) {
            writeHit(json, hit);
        }
        json.writeEndArray();
    }

    private static void writeHit(JsonGenerator json, LogHit hit) throws IOException {
        json.writeStartObject();
        SearchResponseWriter.writeHitFields(json, hit, false);
        json.writeEndObject();
    }
}
