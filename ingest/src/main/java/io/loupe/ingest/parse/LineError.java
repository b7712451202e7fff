package io.loupe.ingest.parse;

import io.loupe.index.api.ErrorCode;

/** Why one event of a request was rejected; {@code line} is 1-based (the array position for JSON arrays). */
public record LineError(int line, ErrorCode code, String message) {
}
