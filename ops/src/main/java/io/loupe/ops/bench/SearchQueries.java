package io.loupe.ops.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;

/**
 * The requests of the search benchmark over the generated time span (epoch milliseconds, the whole
 * 24 hours), each with the check of its answer:
 * <ul>
 *   <li>{@link #userIdLookup()}: {@code q=user_id:X}, newest 100, X drawn from the user ids of the
 *       generated events, so each user is asked for as often as it appears (heavy users are
 *       frequent, as in real triage).</li>
 *   <li>{@link #term()}: one word of {@link MessageTemplates#QUERY_WORDS}, newest 100.</li>
 *   <li>{@link #histogram()}: every event counted per minute, no hits ({@code limit=0}).</li>
 *   <li>{@link #statsByHost()}: {@code * | stats count() by host}.</li>
 *   <li>{@link #timechart()}: {@code * | timechart 1m count()}, and {@link #timechartByLevel()} the
 *       same {@code by level}.</li>
 *   <li>{@link #correlation()}: {@code POST /api/v1/correlate} for {@code service:S}, S one of the
 *       services drawn uniformly, with the defaults (interval auto, 5 hosts, all seven signals).</li>
 *   <li>{@link #timeline()}: the first page of {@code GET /api/v1/users/X/timeline}, X drawn as for
 *       the lookups.</li>
 * </ul>
 * Deterministic for a seed. Not thread-safe.
 */
final class SearchQueries {
    static final String PATH = "/api/v1/search";
    static final String CORRELATE_PATH = "/api/v1/correlate";
    static final int LIMIT = 100;
    /** The timeline's default page. */
    static final int TIMELINE_LIMIT = 100;
    static final Duration TIMECHART_INTERVAL = Duration.ofMinutes(1);
    static final List<String> SIGNALS = List.of("host.cpu.utilization", "host.memory.utilization", "host.load.1m",
            "host.disk.utilization", "host.disk.io_time", "host.network.rx", "host.network.tx");
    /** The levels the generator writes: a timechart by level has at most this many series. */
    static final int LEVELS = 3;
    private static final int CORRELATION_HOSTS = 5;

    private final List<String> userIds;
    private final ToLongFunction<String> eventsOfUser;
    private final long fromMillis;
    private final long toMillis;
    private final long events;
    private final int hosts;
    private final String range;
    private final SplittableRandom random;

    /**
     * @param userIds      user ids to draw from, each as often as it should be asked for
     * @param eventsOfUser how many events a user id has, for the timeline's check
     * @param events       events in the span
     * @param hosts        how many distinct hosts the events have at most
     */
    SearchQueries(List<String> userIds, ToLongFunction<String> eventsOfUser, Instant from, Instant to, long events, int hosts, long seed) {
        if (userIds.isEmpty()) {
            throw new IllegalArgumentException("no user id was generated; generate more events");
        }
        this.userIds = userIds;
        this.eventsOfUser = eventsOfUser;
        this.fromMillis = from.toEpochMilli();
        this.toMillis = to.toEpochMilli();
        this.events = events;
        this.hosts = hosts;
        this.range = "&from=" + fromMillis + "&to=" + toMillis;
        this.random = new SplittableRandom(seed);
    }

    BenchRequest userIdLookup() {
        String userId = drawUser();
        return search("user_id:" + userId, LIMIT, "", SearchAnswerCheck.hits(LIMIT));
    }

    BenchRequest term() {
        String word = MessageTemplates.QUERY_WORDS.get(random.nextInt(MessageTemplates.QUERY_WORDS.size()));
        return search(word, LIMIT, "", SearchAnswerCheck.hits(LIMIT));
    }

    BenchRequest histogram() {
        return search("", 0, "&histogram=1m", SearchAnswerCheck.histogramOf(events));
    }

    BenchRequest statsByHost() {
        return search("* | stats count() by host", 0, "", TableAnswerCheck.statsCountBy("host", events, hosts));
    }

    BenchRequest timechart() {
        return search("* | timechart 1m count()", 0, "",
                TableAnswerCheck.timechartCount(TIMECHART_INTERVAL, fromMillis, toMillis, null, 1, events));
    }

    BenchRequest timechartByLevel() {
        return search("* | timechart 1m count() by level", 0, "",
                TableAnswerCheck.timechartCount(TIMECHART_INTERVAL, fromMillis, toMillis, "level", LEVELS, events));
    }

    BenchRequest correlation() {
        List<String> services = EventGenerator.serviceNames();
        String service = services.get(random.nextInt(services.size()));
        String body = "{\"q\":\"service:" + service + "\",\"from\":\"" + fromMillis + "\",\"to\":\"" + toMillis + "\"}";
        return BenchRequest.post("service:" + service, CORRELATE_PATH, body, new CorrelationAnswerCheck(SIGNALS, CORRELATION_HOSTS));
    }

    BenchRequest timeline() {
        String userId = drawUser();
        return BenchRequest.get(userId, "/api/v1/users/" + userId + "/timeline?" + range.substring(1),
                new TimelineAnswerCheck(userId, eventsOfUser.applyAsLong(userId), TIMELINE_LIMIT, SIGNALS.getFirst()));
    }

    /** How many events the whole span holds: a search with no hits. */
    BenchRequest countAll() {
        return search("", 0, "", SearchAnswerCheck.hits(0));
    }

    private String drawUser() {
        return userIds.get(random.nextInt(userIds.size()));
    }

    private BenchRequest search(String q, int limit, String extra, AnswerCheck check) {
        return BenchRequest.get(q, PATH + "?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + range + "&limit=" + limit + extra, check);
    }
}
