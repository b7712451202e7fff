package io.loupe.search.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogAggregation;
import io.loupe.index.api.LoupeException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelinePlannerTest {

    private static PipelinePlan plan(String q) {
        PipeSplitter.Split split = PipeSplitter.split(q);
        return PipelinePlanner.plan(split.stages(), interval -> Duration.ofMinutes(Long.parseLong(interval.replace("m", ""))));
    }

    private static String error(String q) {
        LoupeException e = assertThrows(LoupeException.class, () -> plan(q));
        assertEquals(ErrorCode.INVALID_QUERY, e.code());
        return e.getMessage();
    }

    @Test
    void splitsAtPipesButNotInsideQuotesEscapesOrTheOrOperator() {
        PipeSplitter.Split split = PipeSplitter.split("a || b \"x | y\" c\\|d | stats count() | head 3");
        assertEquals("a || b \"x | y\" c\\|d ", split.query());
        assertEquals(List.of(" stats count() ", " head 3"), split.stages().stream().map(PipeSplitter.StageText::text).toList());
        assertEquals(21, split.stages().getFirst().offset());
        assertTrue(!PipeSplitter.split("level:error").hasStages());
    }

    @Test
    void statsColumnsAreTheGroupFieldsThenTheAggregatesAsWritten() {
        PipelinePlan plan = plan("level:error | stats count(), avg(duration_ms), p99(duration_ms) as slow, dc(user_id) by host, service");
        assertEquals(List.of("host", "service", "count()", "avg(duration_ms)", "slow", "dc(user_id)"), plan.columns());
        Stage.Stats stats = assertInstanceOf(Stage.Stats.class, plan.aggregating());
        assertEquals(LogAggregation.Function.PERCENTILE, stats.aggregates().get(2).function());
        assertEquals(99.0, stats.aggregates().get(2).percentile());
    }

    @Test
    void whereBeforeTheAggregateNarrowsEventsAndAfterItFiltersRows() {
        PipelinePlan plan = plan("* | where duration_ms > 100 | stats count() by host | where count() >= 2 | sort -count() | head 5");
        assertEquals("duration_ms", plan.eventFilters().getFirst().field().name());
        assertEquals(3, plan.rowStages().size());
        assertInstanceOf(Stage.Where.class, plan.rowStages().getFirst());
    }

    @Test
    void timechartTopAndFieldsProduceTheirColumns() {
        assertEquals(List.of("_time", "level", "count()"), plan("| timechart 5m count() by level").columns());
        assertEquals(Duration.ofMinutes(5), plan("| timechart span=5m count()").bucket());
        assertEquals(List.of("user_id", "count", "percent"), plan("| top 3 user_id").columns());
        assertEquals(List.of("host", "message"), plan("| fields host, attributes.x, message | fields host, message").columns());
    }

    @Test
    void mistakesNameTheColumnAndWhatWasExpected() {
        assertEquals("pipe syntax error at column 5: unknown stage; expected stats, timechart, top, rare, fields, sort, head or where",
                error("* | stat count()"));
        assertTrue(error("* | stats avg(host)").contains("column 15: avg needs numbers, but host is a keyword field"));
        assertTrue(error("* | stats count() by host | sort -avg(x)").contains("column 35: sort names 'avg(x)', which is not a column here;"
                + " the columns are: host, count()"));
        assertTrue(error("* | stats count() by").contains("column 21: expected a field to group by after 'by', found the end of the stage"));
        assertTrue(error("* | head 0").contains("column 10: head takes at least 1 row"));
        assertTrue(error("* | where host > 3").contains("column 11: where compares numbers, but host is a keyword field"));
        assertTrue(error("* | stats count() by trace_id").contains("trace_id is indexed for exact lookup only"));
        assertTrue(error("* | head 3 | stats count()").contains("column 14: stats must come right after the query"));
        assertTrue(error("* | stats count(), count()").contains("column 'count()' would appear twice"));
        assertTrue(error("* | stats p0(x)").contains("percentile p0 must be above p0"));
        assertTrue(error("* | stats count() x").contains("column 19: unexpected 'x' after the stats stage"));
        assertTrue(error("* | timechart count()").contains("expected an interval such as 1m"));
    }

    @Test
    void aWhereOnATimeColumnComparesEpochMillisAndOnOthersNumbers() {
        PipelinePlan stats = plan("| stats min(timestamp) as first, max(timestamp), p90(timestamp), avg(timestamp), count(timestamp),"
                + " dc(timestamp) by host | where first >= 1796551205000 and max(timestamp) < 1796551205000.5 and count(timestamp) > 1"
                + " and dc(timestamp) > 1 and p90(timestamp) > 1 and avg(timestamp) > 1");
        assertEquals(List.of(true, true, false, false, true, true), onTime(stats.rowStages().getFirst()));

        assertEquals(List.of(true, false), onTime(plan("| timechart 5m count() by level | where _time > 1 and count() > 1").rowStages().getFirst()));
        // over events, after head: _time (or timestamp, its other name) is a time column, attributes are not
        assertEquals(List.of(true, true, false), onTime(plan("| head 5 | where _time > 1 and timestamp > 1 and duration_ms > 1").rowStages().get(1)));
        assertEquals(List.of(false), onTime(plan("| top host | where count > 1").rowStages().getFirst()));
    }

    private static List<Boolean> onTime(Stage stage) {
        return assertInstanceOf(Stage.Where.class, stage).conditions().stream().map(Stage.Comparison::onTime).toList();
    }

    @Test
    void sumOfTimestampIsRefusedAndTheTimestampIsNoGroup() {
        assertEquals("pipe syntax error at column 15: sum(timestamp) would add up points in time; use min, max, avg, median or pNN"
                + " of timestamp for a time, or count()", error("* | stats sum(timestamp)"));
        assertTrue(error("* | timechart 1m sum(timestamp)").contains("column 22: sum(timestamp) would add up points in time"));
        assertTrue(error("* | stats count() by timestamp").contains("use timechart <interval> for time buckets"));
        assertTrue(error("* | where _time > 1").contains("where does not compare event times; use the from and to parameters"));
    }

    @Test
    void kindGroupsButCannotBeAggregated() {
        assertEquals(List.of("kind", "count()"), plan("| stats count() by kind").columns());
        assertEquals(List.of("kind", "count", "percent"), plan("| top kind").columns());
        // kind has no doc values: count(kind) and dc(kind) would silently read 0
        assertTrue(error("* | stats dc(kind)").contains("column 14: kind has no values to aggregate"));
        assertTrue(error("* | stats count(kind) by host").contains("column 17: kind has no values to aggregate"));
    }
}
