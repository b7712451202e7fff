package io.loupe.ingest.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * What every Elasticsearch-compatible answer carries: {@code X-Elastic-Product: Elasticsearch} (the
 * official clients refuse a server without it) and a JSON content type, the versioned
 * {@code application/vnd.elasticsearch+json} one when the client asked for it.
 */
final class ElasticResponses {
    static final String PRODUCT_HEADER = "X-Elastic-Product";

    private ElasticResponses() {
    }

    /** Adds the product header to every response of the route, errors included. */
    static void productHeader(RoutingContext ctx) {
        ctx.response().putHeader(PRODUCT_HEADER, "Elasticsearch");
        ctx.next();
    }

    static void json(RoutingContext ctx, int status, Buffer body) {
        HttpServerResponse response = ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, contentType(ctx));
        if (ctx.request().method().name().equals("HEAD")) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length())).end();
        } else {
            response.end(body);
        }
    }

    static void json(RoutingContext ctx, int status, String body) {
        json(ctx, status, Buffer.buffer(body));
    }

    /** A plain-text answer, as the {@code _cat} APIs give without {@code format=json}. */
    static void text(RoutingContext ctx, int status, String body) {
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=UTF-8").end(body);
    }

    private static String contentType(RoutingContext ctx) {
        String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains("vnd.elasticsearch+json")) {
            int compatible = accept.indexOf("compatible-with=");
            String version = compatible < 0 ? "8" : accept.substring(compatible + 16).replaceAll("[^0-9].*$", "");
            return "application/vnd.elasticsearch+json;compatible-with=" + (version.isEmpty() ? "8" : version);
        }
        return "application/json";
    }
}
