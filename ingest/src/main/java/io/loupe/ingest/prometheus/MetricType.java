package io.loupe.ingest.prometheus;

/**
 * The type a {@code # TYPE} line gives a metric family: the five of the text format 0.0.4 and the
 * OpenMetrics 1.0 additions. Both formats accept all of them.
 */
enum MetricType {
    COUNTER, GAUGE, HISTOGRAM, SUMMARY, UNTYPED, UNKNOWN, STATESET, INFO, GAUGEHISTOGRAM;

    static final String ACCEPTED = "counter, gauge, histogram, summary, untyped, unknown, stateset, info, gaugehistogram";

    /** The type named by a {@code # TYPE} word, or null when the word names none. */
    static MetricType fromWord(String word) {
        return switch (word) {
            case "counter" -> COUNTER;
            case "gauge" -> GAUGE;
            case "histogram" -> HISTOGRAM;
            case "summary" -> SUMMARY;
            case "untyped" -> UNTYPED;
            case "unknown" -> UNKNOWN;
            case "stateset" -> STATESET;
            case "info" -> INFO;
            case "gaugehistogram" -> GAUGEHISTOGRAM;
            default -> null;
        };
    }

    /** Whether OpenMetrics gives families of this type a {@code <family>_created} sample. */
    boolean hasCreatedSample() {
        return this == COUNTER || this == HISTOGRAM || this == SUMMARY || this == GAUGEHISTOGRAM;
    }
}
