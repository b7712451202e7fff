package io.loupe.search.pipe;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogAggregationResult;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.TimeRange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The rows of {@code timechart}: one per bucket of the whole range (oldest first) and, with
 * {@code by}, per value of the field seen anywhere in the range, so a chart has no gaps: a bucket
 * without events counts 0 and has no other aggregate values.
 */
final class TimechartRows {

    private TimechartRows() {
    }

    static List<Map<String, Object>> of(Stage.Timechart timechart, Duration bucket, TimeRange range,
                                        LogAggregationResult result, int maxRows) {
        long width = bucket.toNanos();
        long first = Math.floorDiv(range.fromNanos(), width) * width;
        long last = Math.floorDiv(range.toNanos() - 1, width) * width;
        Map<List<String>, LogAggregationResult.Group> cells = new HashMap<>();
        TreeSet<String> series = new TreeSet<>(RowStages::compareDistinct);
        for (LogAggregationResult.Group group : result.groups()) {
            cells.put(cell(group.bucketStart(), group.keys()), group);
            last = Math.max(last, group.bucketStart());
            first = Math.min(first, group.bucketStart());
            if (timechart.by() != null) {
                series.add(group.keys().getFirst());
            }
        }
        long buckets = (last - first) / width + 1;
        long rowCount = buckets * (timechart.by() == null ? 1 : series.size());
        if (rowCount > maxRows) {
            throw new LoupeException(ErrorCode.QUERY_TOO_LARGE, "timechart " + timechart.interval()
                    + (timechart.by() == null ? "" : " by " + timechart.by().name() + " (" + series.size() + " values)")
                    + " makes " + rowCount + " rows, more than " + maxRows + " (search.max_groups); use a wider interval or narrow the query");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (long start = first; start <= last; start += width) {
            if (timechart.by() == null) {
                rows.add(row(timechart, start, null, cells.get(cell(start, List.of()))));
            } else {
                for (String value : series) {
                    rows.add(row(timechart, start, value, cells.get(cell(start, List.of(value)))));
                }
            }
        }
        return rows;
    }

    private static Map<String, Object> row(Stage.Timechart timechart, long start, String value, LogAggregationResult.Group group) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("_time", start);
        if (timechart.by() != null) {
            row.put(timechart.by().name(), value);
        }
        PipelineExecutor.putValues(row, timechart.aggregates(), group);
        return row;
    }

    private static List<String> cell(long bucketStart, List<String> keys) {
        List<String> cell = new ArrayList<>(keys.size() + 1);
        cell.add(Long.toString(bucketStart));
        cell.addAll(keys);
        return cell;
    }
}
