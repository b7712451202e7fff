package io.loupe.index.api;

/** What identifies a series: its metric name and its labels. */
public record SeriesKey(String name, Labels labels) implements Comparable<SeriesKey> {
    public SeriesKey {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a metric name must not be empty");
        }
    }

    @Override
    public int compareTo(SeriesKey other) {
        int cmp = name.compareTo(other.name);
        return cmp != 0 ? cmp : labels.compareTo(other.labels);
    }

    @Override
    public String toString() {
        return name + labels;
    }
}
