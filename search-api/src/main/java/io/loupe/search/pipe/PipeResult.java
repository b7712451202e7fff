package io.loupe.search.pipe;

/**
 * The answer of a search with pipe stages.
 *
 * @param table   the rows after the last stage
 * @param matched events that matched the query (and the {@code where} stages on events) in the range
 */
public record PipeResult(Table table, long matched) {
}
