package io.loupe.search.context;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import java.util.function.Function;

/**
 * A parsed {@code GET /api/v1/events/{id}/context}: the event id as search returns it, and how many
 * older ({@code before}) and newer ({@code after}) lines to show, {@value #DEFAULT_LINES} each by
 * default, at most {@value #MAX_LINES}.
 */
public record EventContextRequest(long eventId, int before, int after) {
    public static final int DEFAULT_LINES = 10;
    public static final int MAX_LINES = 500;

    /** @param id the {@code {id}} path segment */
    public static EventContextRequest read(String id, Function<String, String> params) {
        long eventId;
        try {
            eventId = Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            throw new LoupeException(ErrorCode.INVALID_PARAMETER, "event id '" + id + "' is not an id search returns (a whole number)");
        }
        if (eventId < 0) {
            throw new LoupeException(ErrorCode.INVALID_PARAMETER, "event id '" + id + "' is not an id search returns (a whole number)");
        }
        return new EventContextRequest(eventId, lines(params, "before"), lines(params, "after"));
    }

    private static int lines(Function<String, String> params, String name) {
        String value = params.apply(name);
        if (value == null || value.isBlank()) {
            return DEFAULT_LINES;
        }
        int lines;
        try {
            lines = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw outOfRange(name, value);
        }
        if (lines < 0 || lines > MAX_LINES) {
            throw outOfRange(name, value);
        }
        return lines;
    }

    private static LoupeException outOfRange(String name, String value) {
        return new LoupeException(ErrorCode.INVALID_PARAMETER, "parameter '" + name + "' must be a whole number from 0 to "
                + MAX_LINES + ", got '" + value + "'");
    }
}
