package io.loupe.search.pipe;

import java.util.List;
import java.util.Map;

/**
 * Rows and columns, as pipe stages pass them on and the search answers them. A row maps column
 * names to values: {@link Column.Type#TIME} values are epoch nanos ({@code Long}), numbers are
 * {@code Long} or {@code Double}, strings {@code String}; a missing value is absent or null.
 */
public record Table(List<Column> columns, List<Map<String, Object>> rows) {

    public record Column(String name, Type type) {
        public enum Type {
            TIME, STRING, NUMBER;

            public String wireName() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }
        }
    }
}
