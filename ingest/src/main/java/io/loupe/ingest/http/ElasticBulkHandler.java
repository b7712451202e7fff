package io.loupe.ingest.http;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.LoupeException;
import io.loupe.ingest.elastic.BulkRequestParser;
import io.loupe.ingest.elastic.BulkResponse;
import io.loupe.ingest.elastic.ElasticConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * {@code POST /_bulk} and {@code POST /{index}/_bulk} (also PUT, as Elasticsearch allows): the
 * Elasticsearch bulk API, optionally gzipped, answered in Elasticsearch's shape once the stored items
 * are fsynced ({@link BulkRequestParser}, {@link BulkResponse}); a refused request (413, 415, 429 with
 * Retry-After when {@code ingest.max_in_flight_requests} are busy, 503) in Elasticsearch's error shape
 * ({@link ElasticErrorResponses}), which every shipper retries as a whole. Query parameters such as
 * {@code refresh}, {@code pipeline} and {@code routing} are ignored: events are searchable within
 * {@code log.refresh_millis} of the answer either way.
 */
final class ElasticBulkHandler {
    private static final Set<String> MEDIA_TYPES = Set.of("", "application/json", "application/x-ndjson",
            "application/vnd.elasticsearch+x-ndjson", "application/vnd.elasticsearch+json", "text/plain");

    private final LogIngestPipeline pipeline;
    private final BulkRequestParser parser;

    ElasticBulkHandler(LogIngestPipeline pipeline, ElasticConfig config) {
        this.pipeline = pipeline;
        this.parser = new BulkRequestParser(pipeline.config(), config.indexKinds());
    }

    void mount(Router router) {
        router.post("/_bulk").handler(ctx -> handle(ctx, null)).failureHandler(ElasticErrorResponses::handle);
        router.put("/_bulk").handler(ctx -> handle(ctx, null)).failureHandler(ElasticErrorResponses::handle);
        router.post("/:index/_bulk").handler(ctx -> handle(ctx, ctx.pathParam("index"))).failureHandler(ElasticErrorResponses::handle);
        router.put("/:index/_bulk").handler(ctx -> handle(ctx, ctx.pathParam("index"))).failureHandler(ElasticErrorResponses::handle);
    }

    private void handle(RoutingContext ctx, String index) {
        String mediaType = MediaType.of(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
        if (!MEDIA_TYPES.contains(mediaType)) {
            ctx.fail(new LoupeException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "content-type '" + mediaType
                    + "' is not supported by _bulk; send application/x-ndjson or application/json"));
            return;
        }
        String encoding = ctx.request().getHeader(HttpHeaders.CONTENT_ENCODING);
        long started = System.nanoTime();
        pipeline.run(ctx, LogKind.APPLICATION, (raw, rules) -> parser.parse(pipeline.gunzipped(raw, encoding), index, rules),
                (context, outcome) -> ElasticResponses.json(context, 200,
                        Buffer.buffer(BulkResponse.render(outcome, (System.nanoTime() - started) / 1_000_000))));
    }
}
