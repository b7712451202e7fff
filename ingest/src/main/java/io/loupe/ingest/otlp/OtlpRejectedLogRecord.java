package io.loupe.ingest.otlp;

import io.loupe.index.api.ErrorCode;

/**
 * Why one log record of an OTLP logs export was not stored.
 *
 * @param position where it is in the request, e.g. {@code resourceLogs[0].scopeLogs[1].logRecords[4]}
 *                 (0-based indices, the same for both encodings)
 * @param code     the rejection's error code, e.g. {@link ErrorCode#INVALID_TIMESTAMP}
 * @param message  what is wrong, naming the value and the limit
 */
public record OtlpRejectedLogRecord(String position, ErrorCode code, String message) {
}
