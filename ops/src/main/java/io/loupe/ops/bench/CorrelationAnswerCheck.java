package io.loupe.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The answer of {@code POST /api/v1/correlate} with the default {@code auto} interval and hosts:
 * between 1 and {@value #MAX_AUTO_BUCKETS} buckets; at most {@code maxHosts} hosts, most hits
 * first, their hits within {@code total}; each host's histogram adding up to its hits, its errors
 * never above its hits in a bucket, and every requested signal on the same buckets — with at
 * least one value, since the benchmark gave every host metrics for the whole window (all
 * {@code null} would mean the correlation did no metric work).
 *
 * @param signals  the signal names every host must carry
 * @param maxHosts the request's {@code hosts} (5 by default)
 */
record CorrelationAnswerCheck(List<String> signals, int maxHosts) implements AnswerCheck {
    /**
     * {@code interval=auto} chooses a width that fits fewer than 120 times in the range; a range that
     * does not start on a bucket boundary touches one bucket more.
     */
    static final int MAX_AUTO_BUCKETS = 120;

    @Override
    public Outcome check(JsonNode answer) {
        long total = AnswerCheck.wholeNumber(answer, "total", "the correlation answer");
        int buckets = AnswerCheck.array(answer, "buckets", "the correlation answer").size();
        if (buckets < 1 || buckets > MAX_AUTO_BUCKETS) {
            throw new IllegalStateException("the correlation has " + buckets + " buckets, expected 1 to " + MAX_AUTO_BUCKETS);
        }
        JsonNode hosts = AnswerCheck.array(answer, "hosts", "the correlation answer");
        if (hosts.size() > maxHosts || (total > 0 && hosts.isEmpty())) {
            throw new IllegalStateException("the correlation names " + hosts.size() + " hosts for " + total
                    + " matching events, expected 1 to " + maxHosts);
        }
        long previousHits = Long.MAX_VALUE;
        long allHits = 0;
        for (JsonNode host : hosts) {
            String name = host.path("host").asText();
            long hits = AnswerCheck.wholeNumber(host, "hits", "host " + name);
            if (hits > previousHits) {
                throw new IllegalStateException("host " + name + " has " + hits + " hits, more than the host before it (" + previousHits
                        + "): hosts must come most hits first");
            }
            previousHits = hits;
            allHits += hits;
            checkHistograms(name, host, hits, buckets);
            checkSignals(name, host.path("signals"), buckets);
        }
        if (allHits > total) {
            throw new IllegalStateException("the hosts have " + allHits + " hits, more than the total " + total);
        }
        AnswerCheck.array(answer, "findings", "the correlation answer");
        return new Outcome(total, hosts.size(), answer.path("took_ms").asLong());
    }

    private static void checkHistograms(String name, JsonNode host, long hits, int buckets) {
        JsonNode histogram = AnswerCheck.array(host, "histogram", "host " + name);
        JsonNode errors = AnswerCheck.array(host, "errors", "host " + name);
        if (histogram.size() != buckets || errors.size() != buckets) {
            throw new IllegalStateException("host " + name + " has " + histogram.size() + " histogram and " + errors.size()
                    + " error buckets, expected " + buckets);
        }
        long counted = 0;
        for (int i = 0; i < buckets; i++) {
            long count = histogram.get(i).asLong(-1);
            if (count < 0 || errors.get(i).asLong(-1) < 0 || errors.get(i).asLong() > count) {
                throw new IllegalStateException("host " + name + " bucket " + i + " counts " + histogram.get(i) + " hits and "
                        + errors.get(i) + " errors");
            }
            counted += count;
        }
        if (counted != hits) {
            throw new IllegalStateException("host " + name + " has " + hits + " hits but its histogram counts " + counted);
        }
    }

    private void checkSignals(String name, JsonNode hostSignals, int buckets) {
        for (String signal : signals) {
            JsonNode values = hostSignals.path(signal);
            if (!values.isArray() || values.size() != buckets) {
                throw new IllegalStateException("host " + name + " has no " + signal + " on the " + buckets + " buckets: " + values);
            }
            boolean anyValue = false;
            for (JsonNode value : values) {
                anyValue |= value.isNumber();
            }
            if (!anyValue) {
                throw new IllegalStateException("host " + name + " has no value of " + signal + " in any bucket, though it has metrics");
            }
        }
    }
}
