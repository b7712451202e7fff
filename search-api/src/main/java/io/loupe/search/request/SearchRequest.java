package io.loupe.search.request;

import io.loupe.index.api.LogSearch;

/** A parsed search request: what to ask the store, and how to render the answer. */
public record SearchRequest(LogSearch search, boolean withOriginal) {
}
