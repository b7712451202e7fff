package io.loupe.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer of a plain search ({@code GET /api/v1/search} without pipes): a {@code total}, as many
 * hits as the total allows up to the limit, and, for a histogram over the whole span, bucket counts
 * that add up to every event.
 *
 * @param limit           the request's {@code limit}
 * @param histogramEvents the events the histogram must count, or -1 when the request has no histogram
 */
record SearchAnswerCheck(int limit, long histogramEvents) implements AnswerCheck {

    static SearchAnswerCheck hits(int limit) {
        return new SearchAnswerCheck(limit, -1);
    }

    static SearchAnswerCheck histogramOf(long events) {
        return new SearchAnswerCheck(0, events);
    }

    @Override
    public Outcome check(JsonNode answer) {
        long total = AnswerCheck.wholeNumber(answer, "total", "the search answer");
        int hits = AnswerCheck.array(answer, "hits", "the search answer").size();
        if (total < 0 || hits != Math.min(total, limit)) {
            throw new IllegalStateException("the search answered total " + total + " with " + hits + " hits (limit " + limit + ")");
        }
        if (histogramEvents >= 0) {
            long counted = 0;
            for (JsonNode bucket : AnswerCheck.array(answer, "histogram", "the search answer")) {
                counted += AnswerCheck.wholeNumber(bucket, "count", "a histogram bucket");
            }
            if (counted != histogramEvents) {
                throw new IllegalStateException("the histogram counts " + counted + " of " + histogramEvents + " events");
            }
        }
        return new Outcome(total, hits, answer.path("took_ms").asLong());
    }
}
