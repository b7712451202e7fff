package io.loupe.ingest.parse;

import io.loupe.index.api.ErrorCode;

/** One event is invalid; the rest of its request goes on. */
final class EventRejectedException extends Exception {
    private final ErrorCode code;

    EventRejectedException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    ErrorCode code() {
        return code;
    }
}
