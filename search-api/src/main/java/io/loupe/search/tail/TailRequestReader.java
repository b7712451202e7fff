package io.loupe.search.tail;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogSearch;
import io.loupe.index.api.LogTail;
import io.loupe.index.api.LoupeException;
import io.loupe.search.request.SearchRequestReader;
import java.time.Instant;
import java.util.function.Function;

/**
 * Reads a live tail request: {@code q} and {@code kind} as a search reads them, and where to resume:
 * the {@code Last-Event-ID} header (an {@code EventSource} sends it when it reconnects) or else the
 * {@code last_event_id} parameter; neither starts at the newest event.
 */
public final class TailRequestReader {
    private final SearchRequestReader searchReader;

    public TailRequestReader(SearchRequestReader searchReader) {
        this.searchReader = searchReader;
    }

    /** @param lastEventIdHeader the {@code Last-Event-ID} header, or null */
    public TailRequest read(Function<String, String> params, String lastEventIdHeader, Instant now) {
        LogSearch search = searchReader.read(name -> name.equals("q") || name.equals("kind") ? params.apply(name) : null, now).search();
        String resume = lastEventIdHeader != null && !lastEventIdHeader.isBlank() ? lastEventIdHeader : params.apply("last_event_id");
        String source = lastEventIdHeader != null && !lastEventIdHeader.isBlank() ? "header Last-Event-ID" : "parameter 'last_event_id'";
        return new TailRequest(search.query(), search.kinds(), resume == null || resume.isBlank() ? LogTail.NOW : eventId(resume, source));
    }

    private static long eventId(String value, String source) {
        long id;
        try {
            id = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(source, value);
        }
        if (id < 0) {
            throw invalid(source, value);
        }
        return id;
    }

    private static LoupeException invalid(String source, String value) {
        return new LoupeException(ErrorCode.INVALID_PARAMETER, source + " must be the id of an event a tail or search sent "
                + "(a whole number), got '" + value + "'");
    }
}
