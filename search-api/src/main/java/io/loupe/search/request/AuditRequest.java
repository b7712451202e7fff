package io.loupe.search.request;

import io.loupe.index.api.LogSearch;

/**
 * A parsed {@code /api/v1/audit/search}: one page of audit events with its facets.
 *
 * @param search       the page to ask the store for (kind audit, the filters as query clauses)
 * @param withOriginal true to add each event exactly as it was received
 */
public record AuditRequest(LogSearch search, boolean withOriginal) {
}
