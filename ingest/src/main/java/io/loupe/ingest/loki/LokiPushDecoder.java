package io.loupe.ingest.loki;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.LoupeException;
import io.loupe.ingest.IngestConfig;
import io.loupe.ingest.parse.EventRules;
import io.loupe.ingest.parse.NativeLogParser;

/**
 * Decodes a Loki push ({@code POST /loki/api/v1/push}) into log events: JSON
 * ({@link LokiJsonPushReader}, both the {@code stream}/{@code values} form and the old
 * {@code labels}/{@code entries} form) or snappy-compressed protobuf ({@link LokiProtobufPushReader}).
 * Each entry of each stream becomes one event:
 * <pre>
 * Loki                                   Loupe
 * entry line                             message
 * entry timestamp                        timestamp (nanoseconds kept)
 * label kind (system|application|audit)  kind; any other value rejects the stream       (absent: application)
 * label service, service_name, app,      service: the first of these present, in this order; the others
 *       application, job                 stay attributes (so job only when there is no service name)
 * label host, hostname, instance         host: the first present, in this order
 * label level, detected_level,           level, normalised (WARNING, warn, wrn are all warn): the first
 *       severity, lvl                    present, in this order
 * label named like another keyword       that keyword field: source, user_id, trace_id, span_id,
 *                                        request_id, session_id, actor, action, resource, outcome, source_ip
 * any other label x                      attribute labels.x
 * structured metadata named a keyword    that keyword field; it wins over a stream label (e.g. trace_id, level)
 * any other structured metadata x        attribute metadata.x
 * (nothing sets source)                  source = loki
 * the entry, re-rendered                 original: {"stream":{labels},"values":[["ns","line",{metadata}]]}
 * </pre>
 * An empty label or metadata value is no label, as in Loki.
 *
 * <p>Rejected on its own, with its position ({@code streams[0].values[3]}) and reason, the others
 * stored: an entry outside the accepted time range, with more than {@code ingest.max_fields_per_event}
 * fields, or with a line longer than {@code ingest.max_line_bytes} (UTF-8 bytes). Rejected with all of
 * its entries, one reason at {@code streams[0]}: a stream whose label set string does not parse, with
 * a label of empty name, or with a {@code kind} label that names no kind. Refused whole: a body that is
 * not a push (400: {@link ErrorCode#INVALID_JSON} for JSON, {@link ErrorCode#INVALID_PARAMETER} for
 * snappy or protobuf, naming the path or offset), more entries than
 * {@code ingest.max_events_per_request} (413), a snappy block that decompresses beyond
 * {@code ingest.max_body_bytes} (413). At most {@value #MAX_LISTED_ERRORS} reasons are listed; the
 * count is exact. Thread-safe; a decode is a pure function of its arguments.
 */
public final class LokiPushDecoder {
    /** As for the native endpoint. */
    public static final int MAX_LISTED_ERRORS = NativeLogParser.MAX_LISTED_ERRORS;

    private final IngestConfig limits;

    public LokiPushDecoder(IngestConfig limits) {
        this.limits = limits;
    }

    /**
     * @param body   the body once any gzip is removed: JSON, or for {@link LokiPushFormat#PROTOBUF} the snappy block
     * @param rules  the request's receive time, accepted time range, field limit and default kind
     *               ({@link LogKind#APPLICATION} for Loki, as the handler passes)
     * @throws LoupeException when the request as a whole is refused (see the class description)
     */
    public LokiPushOutcome decode(byte[] body, LokiPushFormat format, EventRules rules) {
        LokiPushCollector collector = new LokiPushCollector(rules, limits);
        switch (format) {
            case JSON -> LokiJsonPushReader.read(body, collector);
            case PROTOBUF -> LokiProtobufPushReader.read(body, (int) Math.min(Integer.MAX_VALUE - 8, limits.maxBodyBytes()), collector);
        }
        return collector.result();
    }
}
