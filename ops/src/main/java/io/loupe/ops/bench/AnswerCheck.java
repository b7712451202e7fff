package io.loupe.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the search benchmark requires of one answer, checked after the request's clock stopped: a
 * benchmark that times wrong answers measures nothing. Implementations are immutable.
 */
interface AnswerCheck {

    /**
     * @param answer the parsed body of a 200 answer
     * @return what the answer held, for the details on stderr
     * @throws IllegalStateException saying what is wrong with the answer
     */
    Outcome check(JsonNode answer);

    /**
     * @param matched      events the answer says matched ({@code total} or {@code matched})
     * @param items        what it returned: hits, rows, hosts or timeline events
     * @param serverMillis its {@code took_ms}
     * @param variant      which shape of answer this was, when a kind has several that cost differently
     *                     (a timeline with or without host signals); empty otherwise
     */
    record Outcome(long matched, long items, long serverMillis, String variant) {
        Outcome(long matched, long items, long serverMillis) {
            this(matched, items, serverMillis, "");
        }
    }

    /** The number at {@code field}, which must be a whole number. */
    static long wholeNumber(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (!value.isIntegralNumber()) {
            throw new IllegalStateException(where + " has no whole number '" + field + "': " + abbreviated(node));
        }
        return value.asLong();
    }

    /** The array at {@code field}, which must be one. */
    static JsonNode array(JsonNode node, String field, String where) {
        JsonNode value = node.path(field);
        if (!value.isArray()) {
            throw new IllegalStateException(where + " has no array '" + field + "': " + abbreviated(node));
        }
        return value;
    }

    static String abbreviated(JsonNode node) {
        String text = node.toString();
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
