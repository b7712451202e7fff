package io.loupe.ingest.otlp;

import io.loupe.index.api.LogEvent;
import io.loupe.ingest.parse.DecodedLogs;
import java.util.List;

/**
 * What {@link OtlpLogsDecoder} made of one logs export.
 *
 * @param accepted events to store, in request order
 * @param rejected exact count of log records not stored (OTLP's {@code rejected_log_records})
 * @param errors   the first {@link #MAX_LISTED_ERRORS} rejections, in request order
 */
public record OtlpDecodedLogs(List<LogEvent> accepted, int rejected, List<OtlpRejectedLogRecord> errors) implements DecodedLogs {
    public static final int MAX_LISTED_ERRORS = 100;

    public OtlpDecodedLogs {
        accepted = List.copyOf(accepted);
        errors = List.copyOf(errors);
    }
}
