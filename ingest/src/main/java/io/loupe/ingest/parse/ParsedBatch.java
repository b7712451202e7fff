package io.loupe.ingest.parse;

import io.loupe.index.api.LogEvent;
import java.util.List;

/**
 * The events of one request that passed validation, and the rejected ones.
 *
 * @param accepted events to store
 * @param rejected exact count of rejected events
 * @param errors   the first {@link NativeLogParser#MAX_LISTED_ERRORS} rejections, in line order
 */
public record ParsedBatch(List<LogEvent> accepted, int rejected, List<LineError> errors) implements DecodedLogs {
}
