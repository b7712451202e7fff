package io.loupe.search.request;

import io.loupe.index.api.LogSearch;
import io.loupe.search.pipe.PipelinePlan;

/**
 * A parsed search request: what to ask the store, and how to render the answer.
 *
 * @param pipeline the pipe stages after the query, or null when the answer is search hits
 */
public record SearchRequest(LogSearch search, boolean withOriginal, PipelinePlan pipeline) {
}
