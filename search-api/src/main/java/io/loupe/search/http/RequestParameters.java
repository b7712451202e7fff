package io.loupe.search.http;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Function;

/**
 * The parameters of a read endpoint that takes them as a query string (GET) or as the same fields in
 * a JSON object (POST), by name: a JSON array is joined with commas ({@code "facets":["host","level"]}
 * reads as {@code host,level}), a number or boolean as its text, an absent field as null.
 */
final class RequestParameters {
    private RequestParameters() {
    }

    /**
     * @param endpoint what the body is for, as a bad body's message names it ({@code search}, {@code correlate})
     * @throws LoupeException {@link ErrorCode#INVALID_JSON} for a POST body that is not a JSON object
     */
    static Function<String, String> of(RoutingContext ctx, String endpoint) {
        if (!ctx.request().method().name().equals("POST")) {
            return ctx.request()::getParam;
        }
        Buffer body = ctx.body().buffer();
        if (body == null || body.length() == 0) {
            return name -> null;
        }
        JsonObject json;
        try {
            json = new JsonObject(body);
        } catch (DecodeException e) {
            throw new LoupeException(ErrorCode.INVALID_JSON, endpoint + " body must be a JSON object: " + e.getMessage());
        }
        return name -> {
            Object value = json.getValue(name);
            if (value instanceof JsonArray array) {
                return String.join(",", array.stream().map(String::valueOf).toList());
            }
            return value == null ? null : value.toString();
        };
    }
}
