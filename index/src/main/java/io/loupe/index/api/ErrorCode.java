package io.loupe.index.api;

/**
 * Every error a client can see: a stable code, the HTTP status it maps to, and a message template
 * filled with {@link String#format}. Messages are lowercase and name the bad value and the limit.
 */
public enum ErrorCode {
    INVALID_JSON(400, "%s"),
    INVALID_TIMESTAMP(400, "%s"),
    INVALID_FIELD(400, "%s"),
    INVALID_KIND(400, "%s"),
    TOO_MANY_FIELDS(400, "%s"),
    LINE_TOO_LONG(400, "%s"),
    TOO_MANY_EVENTS(413, "%s"),
    BODY_TOO_LARGE(413, "%s"),
    UNSUPPORTED_MEDIA_TYPE(415, "%s"),
    UNSUPPORTED_ENCODING(415, "%s"),
    INVALID_QUERY(400, "%s"),
    INVALID_PARAMETER(400, "%s"),
    INVALID_CURSOR(400, "%s"),
    INVALID_SAMPLE(400, "%s"),
    QUERY_TOO_LARGE(422, "%s"),
    NOT_FOUND(404, "no route for %s"),
    METHOD_NOT_ALLOWED(405, "%s"),
    OVERLOADED(429, "%s"),
    NOT_READY(503, "%s"),
    STORAGE_FAILURE(500, "%s"),
    INTERNAL(500, "internal error: %s"),
    EVENT_NOT_FOUND(404, "%s");

    private final int httpStatus;
    private final String template;

    ErrorCode(int httpStatus, String template) {
        this.httpStatus = httpStatus;
        this.template = template;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String format(Object... args) {
        return String.format(template, args);
    }
}
