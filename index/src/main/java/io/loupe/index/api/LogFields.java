package io.loupe.index.api;

import java.util.List;
import java.util.Set;

/** Names of the schema fields as they appear in events, queries and responses. */
public final class LogFields {
    public static final String TIMESTAMP = "timestamp";
    public static final String KIND = "kind";
    public static final String MESSAGE = "message";
    public static final String LEVEL = "level";
    public static final String ATTRIBUTES = "attributes";
    /** Prefix of dynamic attribute fields in queries: {@code attributes.http.status:500}. */
    public static final String ATTRIBUTE_PREFIX = ATTRIBUTES + ".";

    /** First-class keyword fields, in a fixed order that the stored-event codec relies on: append only. */
    public static final List<String> KEYWORDS = List.of(
            "source", "host", "service", LEVEL,
            "user_id", "trace_id", "span_id", "request_id", "session_id",
            "actor", "action", "resource", "outcome", "source_ip");

    public static final Set<String> KEYWORD_SET = Set.copyOf(KEYWORDS);

    /** The normalised levels, lowest first. */
    public static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "fatal");

    private LogFields() {
    }

    public static boolean isKeyword(String field) {
        return KEYWORD_SET.contains(field);
    }
}
