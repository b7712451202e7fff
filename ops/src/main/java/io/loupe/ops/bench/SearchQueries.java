package io.loupe.ops.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The queries of the search benchmark, as request paths of {@code GET /api/v1/search} over the
 * generated time span (epoch milliseconds, the whole 24 hours):
 * <ul>
 *   <li>{@link #userIdLookup()}: {@code q=user_id:X}, newest 100, X drawn from the user ids of the
 *       generated events, so each user is asked for as often as it appears (heavy users are
 *       frequent, as in real triage).</li>
 *   <li>{@link #term()}: one word of {@link MessageTemplates#QUERY_WORDS}, newest 100.</li>
 *   <li>{@link #histogram()}: every event counted per minute, no hits ({@code limit=0}).</li>
 * </ul>
 * Deterministic for a seed. Not thread-safe.
 */
final class SearchQueries {
    static final String PATH = "/api/v1/search";
    static final int LIMIT = 100;

    private final List<String> userIds;
    private final String range;
    private final SplittableRandom random;

    SearchQueries(List<String> userIds, Instant from, Instant to, long seed) {
        if (userIds.isEmpty()) {
            throw new IllegalArgumentException("no user id was generated; generate more events");
        }
        this.userIds = userIds;
        this.range = "&from=" + from.toEpochMilli() + "&to=" + to.toEpochMilli();
        this.random = new SplittableRandom(seed);
    }

    String userIdLookup() {
        return search("user_id:" + userIds.get(random.nextInt(userIds.size())), LIMIT);
    }

    String term() {
        return search(MessageTemplates.QUERY_WORDS.get(random.nextInt(MessageTemplates.QUERY_WORDS.size())), LIMIT);
    }

    String histogram() {
        return search("", 0) + "&histogram=1m";
    }

    /** How many events the whole span holds. */
    String countAll() {
        return search("", 0);
    }

    private String search(String q, int limit) {
        return PATH + "?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + range + "&limit=" + limit;
    }
}
