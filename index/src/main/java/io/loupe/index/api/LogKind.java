package io.loupe.index.api;

import java.util.Locale;

/** The three kinds of log event; each kind has its own set of partitions. */
public enum LogKind {
    SYSTEM, APPLICATION, AUDIT;

    /** The lowercase name used on the wire, in queries and in partition directory names. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name; returns null when the value names no kind. */
    public static LogKind fromWireName(String value) {
        for (LogKind kind : values()) {
            if (kind.wireName().equals(value)) {
                return kind;
            }
        }
        return null;
    }
}
