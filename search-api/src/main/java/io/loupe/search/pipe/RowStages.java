package io.loupe.search.pipe;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * {@code where}, {@code sort}, {@code head} and {@code fields} over rows. Values that read as numbers
 * (a group key such as {@code "200"} does) compare by value and sort before text, which compares as
 * text; a missing value sorts last in either direction and fails every {@code where}. Whole numbers
 * ({@code Long}, and so times in epoch nanos) compare exactly, not through a double. A {@code where}
 * on a time column compares its number as epoch milliseconds.
 */
final class RowStages {

    private RowStages() {
    }

    static List<Map<String, Object>> apply(List<Stage> stages, List<Map<String, Object>> rows) {
        List<Map<String, Object>> current = rows;
        for (Stage stage : stages) {
            current = switch (stage) {
                case Stage.Where where -> current.stream().filter(row -> matches(where, row)).toList();
                case Stage.Sort sort -> {
                    List<Map<String, Object>> sorted = new ArrayList<>(current);
                    sorted.sort(comparator(sort));
                    yield sorted;
                }
                case Stage.Head head -> current.size() <= head.n() ? current : current.subList(0, head.n());
                case Stage.Fields ignored -> current; // rows keep their values; the answer's columns are the plan's
                default -> throw new IllegalStateException("not a row stage: " + stage);
            };
        }
        return current;
    }

    static boolean matches(Stage.Where where, Map<String, Object> row) {
        for (Stage.Comparison condition : where.conditions()) {
            Object value = row.get(condition.field().name());
            Double number = number(value);
            if (number == null) {
                return false;
            }
            int c;
            if (condition.onTime()) {
                if (!(value instanceof Long nanos)) {
                    return false;
                }
                c = BigDecimal.valueOf(nanos).compareTo(new BigDecimal(condition.value()).scaleByPowerOfTen(6));
            } else if (value instanceof Long whole) {
                c = BigDecimal.valueOf(whole).compareTo(new BigDecimal(condition.value()));
            } else {
                c = number < condition.value() ? -1 : number > condition.value() ? 1 : 0; // -0.0 = 0, as in ==
            }
            if (!condition.operator().test(c, 0)) {
                return false;
            }
        }
        return true;
    }

    static Comparator<Map<String, Object>> comparator(Stage.Sort sort) {
        Comparator<Map<String, Object>> order = null;
        for (Stage.SortKey key : sort.keys()) {
            String name = key.field().name();
            Comparator<Map<String, Object>> next = (a, b) -> compareMissingLast(a.get(name), b.get(name), key.descending());
            order = order == null ? next : order.thenComparing(next);
        }
        return order;
    }

    private static int compareMissingLast(Object a, Object b, boolean descending) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        int c = compare(a, b);
        return descending ? -c : c;
    }

    /** Numbers by value before anything else, which goes by text (a total order, so sorting a mixed column works). */
    static int compare(Object a, Object b) {
        Double x = number(a);
        Double y = number(b);
        if (x != null && y != null) {
            return compareNumbers(a, x, b, y);
        }
        if (x != null || y != null) {
            return x != null ? -1 : 1;
        }
        return a.toString().compareTo(b.toString());
    }

    /**
     * Two values that read as the numbers {@code x} and {@code y}: by those, and where they are equal
     * as doubles but one is a {@code Long} (which a double may round), exactly.
     */
    private static int compareNumbers(Object a, double x, Object b, double y) {
        int c = Double.compare(x, y);
        if (c != 0 || !(a instanceof Long || b instanceof Long)) {
            return c;
        }
        return exact(a, x).compareTo(exact(b, y));
    }

    private static BigDecimal exact(Object value, double number) {
        return value instanceof Long l ? BigDecimal.valueOf(l) : new BigDecimal(number);
    }

    /** {@link #compare}, then text, so "1" and "1.0" stay apart: for sets of distinct values. */
    static int compareDistinct(String a, String b) {
        int c = compare(a, b);
        return c != 0 ? c : a.compareTo(b);
    }

    /** The value as a number, or null when it is missing or text that is not a number. */
    static Double number(Object value) {
        return switch (value) {
            case null -> null;
            case Long l -> l.doubleValue();
            case Double d -> d.isNaN() ? null : d;
            case Number n -> n.doubleValue();
            case String s -> parse(s);
            default -> null;
        };
    }

    private static Double parse(String s) {
        if (s.isEmpty() || !(Character.isDigit(s.charAt(0)) || s.charAt(0) == '-' || s.charAt(0) == '.')) {
            return null;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
