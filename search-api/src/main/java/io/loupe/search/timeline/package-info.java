/**
 * The user timeline: one page of a user's events across kinds and services, grouped by request
 * ({@link io.loupe.search.timeline.TimelineGrouping}: trace id, else request id, else the event
 * alone), each group summarised ({@link io.loupe.search.timeline.GroupSummary}), with the host
 * signals of the hosts involved in failing groups ({@link io.loupe.search.timeline.UserTimeline}).
 * No Vert.x here; {@code io.loupe.search.http} serves it at {@code GET /api/v1/users/{user_id}/timeline}.
 *
 * <p>Pagination is over events, as search's: {@code limit} events per page, {@code next_cursor}
 * from the page's last event. Groups are formed from the page's events only; a group whose trace or
 * request ids have more events on later pages says {@code continues}, and those events come under
 * the same key (or a shared request id) on the next pages.
 */
package io.loupe.search.timeline;
