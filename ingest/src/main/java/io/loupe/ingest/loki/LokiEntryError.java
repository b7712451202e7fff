package io.loupe.ingest.loki;

import io.loupe.index.api.ErrorCode;

/**
 * Why one entry (or every entry of one stream) of a push was not stored.
 *
 * @param position where in the request: {@code streams[0].values[3]} (JSON), {@code streams[0].entries[3]}
 *                 (protobuf and the old JSON form), or {@code streams[0]} when the whole stream was rejected
 * @param code     the reason's code, e.g. {@link ErrorCode#INVALID_TIMESTAMP}
 * @param message  the reason, naming the value and the setting that would change the outcome
 */
public record LokiEntryError(String position, ErrorCode code, String message) {
}
