package io.loupe.ingest.elastic;

import io.loupe.index.api.LogEvent;
import io.loupe.ingest.parse.DecodedLogs;
import java.util.List;

/**
 * One bulk request decoded: every action's item in request order, and the events of the stored ones.
 *
 * @param items    one per action, in order
 * @param accepted the events of the items with status 201, in order
 */
public record BulkOutcome(List<BulkItem> items, List<LogEvent> accepted) implements DecodedLogs {

    public boolean errors() {
        return items.stream().anyMatch(BulkItem::failed);
    }
}
