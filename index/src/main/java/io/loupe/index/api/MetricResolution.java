package io.loupe.index.api;

/** The storage tiers of metrics: raw samples and two rollup resolutions. */
public enum MetricResolution {
    RAW("raw", 0),
    FIVE_MINUTES("5m", 300_000),
    ONE_HOUR("1h", 3_600_000);

    private final String wireName;
    private final long millis;

    MetricResolution(String wireName, long millis) {
        this.wireName = wireName;
        this.millis = millis;
    }

    public String wireName() {
        return wireName;
    }

    /** Bucket width; 0 for raw samples. */
    public long millis() {
        return millis;
    }
}
