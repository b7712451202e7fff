package io.loupe.ingest.loki;

import io.loupe.index.api.LogEvent;
import io.loupe.ingest.parse.DecodedLogs;
import java.util.List;

/**
 * One Loki push decoded: the entries to store and the ones rejected.
 *
 * @param accepted the stored entries' events, in request order
 * @param rejected exact count of rejected entries (a rejected stream counts all of its entries)
 * @param errors   the first {@link LokiPushDecoder#MAX_LISTED_ERRORS} reasons, in request order
 */
public record LokiPushOutcome(List<LogEvent> accepted, int rejected, List<LokiEntryError> errors) implements DecodedLogs {

    /**
     * The plain-text answer to a push with rejected entries: the counts, then the first {@code listedReasons}
     * reasons one per line ({@code streams[0].values[3]: line is ...}); a rejected stream is one reason for all
     * of its entries.
     */
    public String rejectionSummary(int listedReasons) {
        StringBuilder text = new StringBuilder().append(rejected).append(rejected == 1 ? " entry" : " entries")
                .append(" rejected, ").append(accepted.size()).append(" stored");
        for (LokiEntryError error : errors.subList(0, Math.min(listedReasons, errors.size()))) {
            text.append('\n').append(error.position()).append(": ").append(error.message());
        }
        return text.append('\n').toString();
    }
}
