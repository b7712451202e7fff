package io.loupe.ingest.parse;

import io.loupe.index.api.ErrorCode;

/** One event is invalid; the rest of its request goes on. */
public final class EventRejectedException extends Exception {
    private final ErrorCode code;

    public EventRejectedException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
