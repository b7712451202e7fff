package io.loupe.search.metric;

import java.util.List;

/**
 * The parameters of a metric request, however they arrived (query string, form body, JSON body).
 * A parameter may be given more than once ({@code match}).
 */
@FunctionalInterface
public interface MetricParameters {
    /** Every value given for a parameter, in order; empty when it is absent. */
    List<String> all(String name);

    /** The first non-blank value of a parameter, trimmed, or null. */
    default String first(String name) {
        for (String value : all(name)) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }
}
