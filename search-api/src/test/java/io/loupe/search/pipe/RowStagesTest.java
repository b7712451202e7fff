package io.loupe.search.pipe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowStagesTest {
    /** 2026-12-06T10:00:05Z in epoch milliseconds. */
    private static final long MILLIS = 1_796_551_205_000L;

    private static Map<String, Object> row(Object value) {
        Map<String, Object> row = new HashMap<>();
        row.put("t", value);
        return row;
    }

    private static List<Object> values(List<Map<String, Object>> rows) {
        return rows.stream().map(row -> row.get("t")).toList();
    }

    private static Stage.Where where(Stage.Operator operator, double value, boolean onTime) {
        return new Stage.Where(List.of(new Stage.Comparison(new Stage.FieldRef("t", 1), operator, value, onTime)), 1);
    }

    @Test
    void timesOneNanosecondApartSortExactly() {
        // epoch nanos near 1.8e18: a double holds them to 256 ns, so these three would be one value
        long t = MILLIS * 1_000_000 + 1;
        List<Map<String, Object>> rows = new ArrayList<>(List.of(row(t + 1), row(null), row(t - 1), row(t)));
        Stage.Sort ascending = new Stage.Sort(List.of(new Stage.SortKey(new Stage.FieldRef("t", 1), false)), 1);
        Stage.Sort descending = new Stage.Sort(List.of(new Stage.SortKey(new Stage.FieldRef("t", 1), true)), 1);
        assertEquals(java.util.Arrays.asList(t - 1, t, t + 1, null), values(RowStages.apply(List.of(ascending), rows)));
        assertEquals(java.util.Arrays.asList(t + 1, t, t - 1, null), values(RowStages.apply(List.of(descending), rows)));
    }

    @Test
    void aWhereOnATimeColumnReadsItsNumberAsEpochMillisExactly() {
        long exact = MILLIS * 1_000_000;
        List<Map<String, Object>> rows = List.of(row(exact - 1), row(exact), row(exact + 1), row(exact + 500_000), row(null));
        assertEquals(List.of(exact), values(RowStages.apply(List.of(where(Stage.Operator.EQ, MILLIS, true)), rows)));
        assertEquals(List.of(exact + 1, exact + 500_000), values(RowStages.apply(List.of(where(Stage.Operator.GT, MILLIS, true)), rows)));
        assertEquals(List.of(exact - 1, exact, exact + 1), values(RowStages.apply(List.of(where(Stage.Operator.LT, MILLIS + 0.5, true)), rows)));
        assertEquals(List.of(exact - 1, exact + 1, exact + 500_000),
                values(RowStages.apply(List.of(where(Stage.Operator.NE, MILLIS, true)), rows)), "a missing value fails != too");
        // the same number on a column that is not a time compares as a number
        assertEquals(List.of(), values(RowStages.apply(List.of(where(Stage.Operator.EQ, MILLIS, false)), rows)));
    }

    @Test
    void wholeNumbersCompareExactlyAndMinusZeroEqualsZero() {
        long big = (1L << 53) + 1; // a double rounds it to 2^53
        List<Map<String, Object>> rows = List.of(row(big), row(-0.0), row(0L));
        assertEquals(List.of(big), values(RowStages.apply(List.of(where(Stage.Operator.GT, 1L << 53, false)), rows)));
        assertEquals(List.of(-0.0, 0L), values(RowStages.apply(List.of(where(Stage.Operator.EQ, 0, false)), rows)));
    }
}
