package io.loupe.ingest.otlp;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;

/**
 * Counts the log records of one request while it is read, and refuses the request (413) as soon as
 * there are more than {@code ingest.max_events_per_request}, before the rest of the body is decoded.
 * Not thread-safe; one per request.
 */
final class OtlpLogRecordLimit {
    private final int maxRecords;
    private int records;

    OtlpLogRecordLimit(int maxRecords) {
        this.maxRecords = maxRecords;
    }

    /** @throws LoupeException TOO_MANY_EVENTS for the record past the limit */
    void count() {
        if (++records > maxRecords) {
            throw new LoupeException(ErrorCode.TOO_MANY_EVENTS, "OTLP logs request has more than " + maxRecords
                    + " log records (ingest.max_events_per_request); send smaller batches (send_batch_max_size of the"
                    + " Collector's batch processor)");
        }
    }
}
