package io.loupe.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;

/**
 * The ingest protocols {@code ./loupe bench ingest --protocol} measures: where batches go, how they
 * are encoded from the generated NDJSON, and how an answer shows that a batch was stored whole.
 */
enum IngestProtocol {
    /** {@code POST /api/v1/logs} with NDJSON; the answer counts {@code accepted} and {@code rejected}. */
    NATIVE("/api/v1/logs", "application/x-ndjson", batch -> batch),
    /** {@code POST /_bulk}; the answer has {@code errors: false} and one item per document. */
    BULK("/_bulk", "application/x-ndjson", new BulkBatchEncoder()),
    /** {@code POST /v1/logs} with protobuf; a complete success is an empty ExportLogsServiceResponse. */
    OTLP("/v1/logs", "application/x-protobuf", new OtlpLogsBatchEncoder()),
    /** RFC 5424 frames, octet-counted, over TCP to the syslog listener; syslog has no answer. */
    SYSLOG(null, null, new SyslogBatchEncoder());

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String path;
    private final String contentType;
    private final BatchEncoder encoder;

    IngestProtocol(String path, String contentType, BatchEncoder encoder) {
        this.path = path;
        this.contentType = contentType;
        this.encoder = encoder;
    }

    static IngestProtocol named(String name) {
        for (IngestProtocol protocol : values()) {
            if (protocol.wireName().equals(name)) {
                return protocol;
            }
        }
        throw new IllegalArgumentException("unknown protocol '" + name + "'; the protocols are native, bulk, otlp and syslog");
    }

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    String path() {
        return path;
    }

    String contentType() {
        return contentType;
    }

    BatchEncoder encoder() {
        return encoder;
    }

    /** Null when a 200 answer says all {@code events} of the batch were stored, otherwise what it says instead. */
    String refusal(byte[] answer, int events) throws IOException {
        return switch (this) {
            case NATIVE -> {
                JsonNode json = JSON.readTree(answer);
                yield json.path("accepted").asLong(-1) == events && json.path("rejected").asLong(-1) == 0 ? null
                        : "accepted " + json.path("accepted").asLong(-1) + " of " + events;
            }
            case BULK -> {
                JsonNode json = JSON.readTree(answer);
                yield !json.path("errors").asBoolean(true) && json.path("items").size() == events ? null
                        : "errors " + json.path("errors") + ", " + json.path("items").size() + " items for " + events + " documents";
            }
            case OTLP -> answer.length == 0 ? null : "a partial_success of " + answer.length + " bytes";
            case SYSLOG -> throw new IllegalStateException("syslog has no answers");
        };
    }
}
