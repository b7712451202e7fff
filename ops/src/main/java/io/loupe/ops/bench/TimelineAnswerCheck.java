package io.loupe.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The first page of {@code GET /api/v1/users/{user_id}/timeline} over the whole span: the user
 * echoed, {@code total} equal to the events the generator gave that user, the groups holding as
 * many of the user's events as the page allows (and a cursor exactly when more remain), and, when a
 * group failed, host signals for the hosts involved — with at least one CPU value each, since the
 * benchmark gave every host metrics; none when no group failed. The outcome's variant says whether
 * the page failed and, if so, how long a span its events (and so its host signals) cover.
 *
 * @param userId      the user asked for
 * @param events      how many events the generator gave that user
 * @param limit       the page size (the endpoint's default, 100)
 * @param cpuSignal   the signal every listed host must have a value of
 */
record TimelineAnswerCheck(String userId, long events, int limit, String cpuSignal) implements AnswerCheck {

    @Override
    public Outcome check(JsonNode answer) {
        if (!userId.equals(answer.path("user_id").asText())) {
            throw new IllegalStateException("the timeline of " + userId + " answered for user " + answer.path("user_id"));
        }
        long total = AnswerCheck.wholeNumber(answer, "total", "the timeline");
        if (total != events) {
            throw new IllegalStateException("the timeline of " + userId + " counts " + total + " events, the generator made " + events);
        }
        long onPage = 0;
        boolean failed = false;
        Instant first = null;
        Instant last = null;
        for (JsonNode group : AnswerCheck.array(answer, "groups", "the timeline")) {
            failed |= group.path("error").asBoolean();
            Instant groupFirst = time(group.path("summary"), "first");
            Instant groupLast = time(group.path("summary"), "last");
            first = first == null || groupFirst.isBefore(first) ? groupFirst : first;
            last = last == null || groupLast.isAfter(last) ? groupLast : last;
            for (JsonNode event : AnswerCheck.array(group, "events", "group " + group.path("key").asText())) {
                if (!userId.equals(event.path("user_id").asText())) {
                    throw new IllegalStateException("the timeline of " + userId + " holds an event of " + event.path("user_id")
                            + ": " + AnswerCheck.abbreviated(event));
                }
                onPage++;
            }
        }
        if (onPage != Math.min(total, limit)) {
            throw new IllegalStateException("the timeline's groups hold " + onPage + " events, expected " + Math.min(total, limit));
        }
        if (answer.path("next_cursor").isNull() != (total <= limit)) {
            throw new IllegalStateException("the timeline has next_cursor " + answer.path("next_cursor") + " with " + total
                    + " events and a page of " + limit);
        }
        JsonNode hosts = answer.path("hosts");
        if (!hosts.isObject() || failed == hosts.isEmpty()) {
            throw new IllegalStateException("the timeline " + (failed ? "has a failing group but no host signals" : "has no failing group but host signals")
                    + ": " + AnswerCheck.abbreviated(hosts));
        }
        for (Map.Entry<String, JsonNode> host : hosts.properties()) {
            checkHost(host.getKey(), host.getValue());
        }
        return new Outcome(total, onPage, answer.path("took_ms").asLong(), variant(failed, first, last));
    }

    /** Failing or not, and for a failing page the span its host signals cover: what a timeline's cost depends on. */
    private static String variant(boolean failed, Instant first, Instant last) {
        if (!failed) {
            return "no failing group, no host signals";
        }
        Duration span = Duration.between(first, last);
        return "failing groups, page spans " + (span.compareTo(Duration.ofHours(1)) < 0 ? "< 1 h"
                : span.compareTo(Duration.ofHours(12)) < 0 ? "1-12 h" : ">= 12 h");
    }

    private static Instant time(JsonNode summary, String field) {
        try {
            return Instant.parse(summary.path(field).asText());
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("a timeline group has no RFC 3339 '" + field + "' in its summary: " + summary, e);
        }
    }

    private void checkHost(String name, JsonNode host) {
        int buckets = AnswerCheck.array(host, "buckets", "host " + name).size();
        boolean anyValue = false;
        JsonNode cpu = host.path(cpuSignal);
        if (!cpu.isArray() || cpu.size() != buckets) {
            throw new IllegalStateException("host " + name + " of the timeline has no " + cpuSignal + " on its " + buckets + " buckets");
        }
        for (JsonNode value : cpu) {
            anyValue |= value.isNumber();
        }
        if (!anyValue) {
            throw new IllegalStateException("host " + name + " of the timeline has no value of " + cpuSignal + ", though it has metrics");
        }
    }
}
