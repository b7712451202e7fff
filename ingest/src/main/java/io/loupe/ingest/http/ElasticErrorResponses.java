package io.loupe.ingest.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import io.vertx.ext.web.RoutingContext;

/**
 * The failure handler of {@code _bulk}: a refused request (413, 415, 429, 503, a bad action line) is
 * answered in Elasticsearch's error shape, so shippers and the Elasticsearch clients read it as they
 * read Elasticsearch's, with Loupe's {@code code} and {@code message} beside it:
 * <pre>
 * {"error":{"root_cause":[{"type":"es_rejected_execution_exception","reason":"..."}],
 *           "type":"es_rejected_execution_exception","reason":"...","code":"OVERLOADED","message":"..."},
 *  "status":429}
 * </pre>
 * Headers already set (such as {@code Retry-After} with a 429) are kept. A failure that is not a
 * {@link LoupeException} goes on to the server's own failure handler.
 */
final class ElasticErrorResponses {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ElasticErrorResponses() {
    }

    static void handle(RoutingContext ctx) {
        if (!(ctx.failure() instanceof LoupeException failure) || ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        String type = type(failure.code());
        ObjectNode body = MAPPER.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.putArray("root_cause").addObject().put("type", type).put("reason", failure.getMessage());
        error.put("type", type).put("reason", failure.getMessage()).put("code", failure.code().name()).put("message", failure.getMessage());
        body.put("status", failure.code().httpStatus());
        ElasticResponses.json(ctx, failure.code().httpStatus(), body.toString());
    }

    /** The Elasticsearch exception type a shipper expects for each refusal. */
    static String type(ErrorCode code) {
        return switch (code) {
            case OVERLOADED -> "es_rejected_execution_exception";
            case NOT_READY -> "cluster_block_exception";
            case BODY_TOO_LARGE, TOO_MANY_EVENTS -> "content_too_long_exception";
            case UNSUPPORTED_MEDIA_TYPE -> "media_type_header_exception";
            case INVALID_JSON, LINE_TOO_LONG -> "x_content_parse_exception";
            default -> code.httpStatus() >= 500 ? "exception" : "illegal_argument_exception";
        };
    }
}
