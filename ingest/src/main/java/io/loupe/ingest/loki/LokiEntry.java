package io.loupe.ingest.loki;

import java.util.Map;

/**
 * One log entry of a Loki stream as read from the wire, before mapping.
 *
 * @param timestampNanos     epoch nanoseconds as sent (not yet checked against the accepted range)
 * @param line               the log line
 * @param structuredMetadata the entry's own name/value pairs in the order sent, empty when none
 */
record LokiEntry(long timestampNanos, String line, Map<String, String> structuredMetadata) {
}
