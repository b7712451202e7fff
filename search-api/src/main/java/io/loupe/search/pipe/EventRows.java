package io.loupe.search.pipe;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogFields;
import io.loupe.index.api.LogSearch;
import io.loupe.index.api.LogSearchResult;
import io.loupe.index.api.LogStore;
import io.loupe.index.api.LoupeException;
import io.loupe.search.PipeConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.Query;

/**
 * Row stages over events, when there is no aggregating stage. Only the events the stages need are
 * read, newest first: the first {@code head n}, or — when a {@code sort} comes before any
 * {@code head} — every match, at most {@code search.max_sort_events}. Without {@code head} the
 * answer has at most the search's {@code limit} rows.
 */
final class EventRows {
    private static final int PAGE = 1000;

    private final LogStore store;
    private final PipeConfig config;

    EventRows(LogStore store, PipeConfig config) {
        this.store = store;
        this.config = config;
    }

    /** @param query the search's query with the plan's event filters */
    PipeResult run(PipelinePlan plan, Query query, LogSearch search) {
        Stage first = plan.rowStages().stream().filter(s -> s instanceof Stage.Head || s instanceof Stage.Sort).findFirst().orElse(null);
        boolean all = first instanceof Stage.Sort;
        long needed = first instanceof Stage.Head head ? head.n() : all ? config.maxSortEvents() : search.limit();
        if (needed > config.maxSortEvents()) {
            throw new LoupeException(ErrorCode.QUERY_TOO_LARGE, "head " + needed + " over events asks for more than "
                    + config.maxSortEvents() + " events (search.max_sort_events); aggregate with stats or page with limit and cursor");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        LogSearch.SearchAfter after = null;
        long matched = -1;
        do {
            int size = (int) Math.min(PAGE, needed - rows.size());
            LogSearchResult page = store.search(new LogSearch(query, search.range(), search.kinds(), size, after,
                    null, List.of(), 0, search.order()));
            if (matched < 0) {
                matched = page.total();
                if (all && matched > config.maxSortEvents()) {
                    throw new LoupeException(ErrorCode.QUERY_TOO_LARGE, "sort over " + matched + " events, more than "
                            + config.maxSortEvents() + " (search.max_sort_events); aggregate with stats, put head before sort, or narrow the query");
                }
            }
            for (LogSearchResult.LogHit hit : page.hits()) {
                rows.add(row(hit));
            }
            after = page.next();
        } while (after != null && rows.size() < needed);
        List<Map<String, Object>> result = RowStages.apply(plan.rowStages(), rows);
        boolean headed = plan.rowStages().stream().anyMatch(s -> s instanceof Stage.Head);
        if (!headed && result.size() > search.limit()) {
            result = result.subList(0, search.limit());
        }
        return new PipeResult(new Table(columns(plan.columns(), result), result), matched);
    }

    static Map<String, Object> row(LogSearchResult.LogHit hit) {
        LogEvent event = hit.event();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("_time", event.timestampNanos());
        row.put("id", Long.toString(hit.eventId()));
        row.put(LogFields.KIND, event.kind().wireName());
        for (String field : LogFields.KEYWORDS) {
            String value = event.field(field);
            if (value != null) {
                row.put(field, value);
            }
        }
        if (event.message() != null) {
            row.put(LogFields.MESSAGE, event.message());
        }
        for (Map.Entry<String, Object> attribute : event.attributes().entrySet()) {
            Object value = attribute.getValue() instanceof Boolean b ? b.toString() : attribute.getValue();
            row.putIfAbsent(attribute.getKey(), value);
        }
        return row;
    }

    /** Each column's type: time for {@code _time}, number when every value present is one, else string. */
    private static List<Table.Column> columns(List<String> names, List<Map<String, Object>> rows) {
        List<Table.Column> columns = new ArrayList<>();
        for (String name : names) {
            Table.Column.Type type = name.equals("_time") ? Table.Column.Type.TIME : null;
            for (Map<String, Object> row : rows) {
                Object value = row.get(name);
                if (type == null && value instanceof Number) {
                    type = Table.Column.Type.NUMBER;
                } else if (value != null && !(value instanceof Number) && type != Table.Column.Type.TIME) {
                    type = Table.Column.Type.STRING;
                    break;
                }
            }
            columns.add(new Table.Column(name, type == null ? Table.Column.Type.STRING : type));
        }
        return columns;
    }
}
