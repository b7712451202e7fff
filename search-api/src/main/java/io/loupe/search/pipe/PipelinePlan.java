package io.loupe.search.pipe;

import java.time.Duration;
import java.util.List;

/**
 * Checked pipe stages, ready to run.
 *
 * @param eventFilters comparisons on event attributes that narrow the query before anything else
 *                     (the {@code where} stages before the aggregating stage or, without one, before the first {@code head})
 * @param aggregating  {@code stats}, {@code timechart}, {@code top} or {@code rare}; null when rows are events
 * @param bucket       the timechart's interval, else null
 * @param rowStages    {@code where}, {@code sort}, {@code head}, {@code fields} on the rows, in order
 * @param columns      the columns of the answer, in order
 */
public record PipelinePlan(List<Stage.Comparison> eventFilters, Stage aggregating, Duration bucket,
                           List<Stage> rowStages, List<String> columns) {

    public PipelinePlan {
        eventFilters = List.copyOf(eventFilters);
        rowStages = List.copyOf(rowStages);
        columns = List.copyOf(columns);
    }

    /** True when rows are events (no aggregating stage). */
    public boolean overEvents() {
        return aggregating == null;
    }
}
