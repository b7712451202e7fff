package io.loupe.search.timeline;

import io.loupe.index.api.LogSearch;

/**
 * A parsed {@code GET /api/v1/users/{user_id}/timeline}.
 *
 * @param userId the user
 * @param search the page of the user's events to read: {@code user_id:<userId>} over the range, newest
 *               first, {@code limit} events after the cursor
 */
public record TimelineRequest(String userId, LogSearch search) {
}
