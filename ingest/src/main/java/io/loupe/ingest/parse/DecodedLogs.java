package io.loupe.ingest.parse;

import io.loupe.index.api.LogEvent;
import java.util.List;

/** What a log protocol's decoder made of one request: the events to store, and whatever its response needs besides. */
public interface DecodedLogs {
    /** The events that passed validation, in request order; they are appended before the response is sent. */
    List<LogEvent> accepted();
}
