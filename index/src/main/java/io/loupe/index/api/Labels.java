package io.loupe.index.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The labels of a metric series: an immutable map from label name to value, sorted by name. A label
 * with an empty value is the same as no label (as in Prometheus), so it is dropped on construction.
 * The metric name is not a label here; {@link SeriesKey} pairs the two.
 */
public final class Labels implements Comparable<Labels> {
    public static final Labels EMPTY = new Labels(new String[0]);

    /** names and values interleaved: name0, value0, name1, value1, ...; names strictly ascending */
    private final String[] pairs;
    private final int hash;

    private Labels(String[] pairs) {
        this.pairs = pairs;
        this.hash = Arrays.hashCode(pairs);
    }

    public static Labels of(Map<String, String> map) {
        if (map.isEmpty()) {
            return EMPTY;
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> entry : map.entrySet()) {
            if (entry.getKey() == null || entry.getKey().isEmpty()) {
                throw new IllegalArgumentException("a label name must not be empty");
            }
            if (entry.getValue() != null && !entry.getValue().isEmpty()) {
                sorted.put(entry.getKey(), entry.getValue());
            }
        }
        String[] pairs = new String[sorted.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> entry : sorted.entrySet()) {
            pairs[i++] = entry.getKey();
            pairs[i++] = entry.getValue();
        }
        return new Labels(pairs);
    }

    /** {@code Labels.of("host", "web-3", "job", "node")}: names and values alternating, any order of names. */
    public static Labels of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name/value pairs");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return of(map);
    }

    public int size() {
        return pairs.length / 2;
    }

    public String name(int index) {
        return pairs[index * 2];
    }

    public String value(int index) {
        return pairs[index * 2 + 1];
    }

    /** The value of a label, or null when the series has no such label. */
    public String get(String name) {
        int low = 0;
        int high = size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int cmp = pairs[mid * 2].compareTo(name);
            if (cmp < 0) {
                low = mid + 1;
            } else if (cmp > 0) {
                high = mid - 1;
            } else {
                return pairs[mid * 2 + 1];
            }
        }
        return null;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>(size());
        for (int i = 0; i < pairs.length; i += 2) {
            names.add(pairs[i]);
        }
        return Collections.unmodifiableList(names);
    }

    /** A sorted, insertion-ordered copy. */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** These labels with one label set (or removed, when {@code value} is null or empty). */
    public Labels with(String name, String value) {
        Map<String, String> map = toMap();
        if (value == null || value.isEmpty()) {
            map.remove(name);
        } else {
            map.put(name, value);
        }
        return of(map);
    }

    /** Only the named labels (those the series has). */
    public Labels keep(List<String> names) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : names) {
            String value = get(name);
            if (value != null) {
                map.put(name, value);
            }
        }
        return of(map);
    }

    @Override
    public int compareTo(Labels other) {
        int n = Math.min(pairs.length, other.pairs.length);
        for (int i = 0; i < n; i++) {
            int cmp = pairs[i].compareTo(other.pairs[i]);
            if (cmp != 0) {
                return cmp;
            }
        }
        return Integer.compare(pairs.length, other.pairs.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Labels other && hash == other.hash && Arrays.equals(pairs, other.pairs);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Prometheus style: {@code {host="web-3", job="node"}}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < pairs.length; i += 2) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(pairs[i]).append("=\"").append(pairs[i + 1].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return text.append('}').toString();
    }
}
