package io.loupe.ingest;

import io.loupe.index.api.Setting;
import io.loupe.index.api.SettingSource;
import io.loupe.ingest.parse.MetricLimits;
import java.util.List;

/**
 * Limits of the ingest endpoints.
 *
 * @param maxBodyBytes         largest request body, after decompression
 * @param maxLineBytes         largest single event (one NDJSON line or array element)
 * @param maxFieldsPerEvent    most fields one event may have, attributes flattened
 * @param maxEventsPerRequest  most events in one request
 * @param maxInFlightRequests  ingest requests processed at once; more are answered 429
 * @param workerThreads        threads that parse, write the WAL and index
 * @param maxLabelValueBytes   longest metric label name or value
 */
public record IngestConfig(long maxBodyBytes, int maxLineBytes, int maxFieldsPerEvent, int maxEventsPerRequest,
                           int maxInFlightRequests, int workerThreads, int maxLabelValueBytes) {
    public static final Setting MAX_BODY_BYTES = new Setting("ingest.max_body_bytes", "33554432",
            "largest ingest request body in bytes, measured after decompression; larger bodies get 413");
    public static final Setting MAX_LINE_BYTES = new Setting("ingest.max_line_bytes", "1048576",
            "largest single event in bytes; a longer line is rejected on its own (400 in the line's error)");
    public static final Setting MAX_FIELDS_PER_EVENT = new Setting("ingest.max_fields_per_event", "1000",
            "most fields one event may have (nested attributes counted after flattening)");
    public static final Setting MAX_EVENTS_PER_REQUEST = new Setting("ingest.max_events_per_request", "50000",
            "most events in one request; larger requests get 413 (at most 65536)");
    public static final Setting MAX_IN_FLIGHT_REQUESTS = new Setting("ingest.max_in_flight_requests", "64",
            "ingest requests processed at once; beyond this the server answers 429 with Retry-After");
    public static final Setting WORKER_THREADS = new Setting("ingest.worker_threads", "8",
            "threads that parse requests, write the write-ahead log and index");
    public static final Setting MAX_LABEL_VALUE_BYTES = new Setting("ingest.max_label_value_bytes", "4096",
            "longest metric label name or value in UTF-8 bytes; a longer one rejects its sample");
    public static final List<Setting> SETTINGS = List.of(MAX_BODY_BYTES, MAX_LINE_BYTES, MAX_FIELDS_PER_EVENT,
            MAX_EVENTS_PER_REQUEST, MAX_IN_FLIGHT_REQUESTS, WORKER_THREADS, MAX_LABEL_VALUE_BYTES);

    public static IngestConfig from(SettingSource source) {
        return new IngestConfig(MAX_BODY_BYTES.longValue(source, 1024, 1L << 31),
                MAX_LINE_BYTES.intValue(source, 256, 64 << 20),
                MAX_FIELDS_PER_EVENT.intValue(source, 1, 100_000),
                MAX_EVENTS_PER_REQUEST.intValue(source, 1, 65_536),
                MAX_IN_FLIGHT_REQUESTS.intValue(source, 1, 100_000),
                WORKER_THREADS.intValue(source, 1, 1024),
                MAX_LABEL_VALUE_BYTES.intValue(source, 16, 1 << 20));
    }

    /** The limits metric parsers enforce (events per request and fields per event double as samples and labels). */
    public MetricLimits metricLimits() {
        return new MetricLimits(maxEventsPerRequest, maxFieldsPerEvent, maxLabelValueBytes, maxLineBytes);
    }

    public static IngestConfig defaults() {
        return from(key -> null);
    }
}
