package io.loupe.ingest.prometheus;

import io.loupe.index.api.Labels;
import io.loupe.ingest.parse.SampleCollector;
import io.loupe.ingest.parse.SampleRejectedException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The labels of one sample as they are read, then joined with the target's labels the way Prometheus
 * does with {@code honor_labels: false}: on a clash the target label wins and the exposed one is kept
 * as {@code exported_<name>} (prefixed again while that name is taken). Reused from line to line.
 */
final class ExposedLabels {
    private final SampleCollector collector;
    private String[] names = new String[16];
    private String[] values = new String[16];
    private int size;

    ExposedLabels(SampleCollector collector) {
        this.collector = collector;
    }

    void clear() {
        size = 0;
    }

    /** Adds one exposed label; an empty value is the same as no label, so it is not kept. */
    void add(String name, String value, String metric) throws SampleRejectedException {
        if (value.isEmpty()) {
            return;
        }
        if (collector.tooManyLabels(size + 1)) {
            throw tooMany(metric);
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size] = value;
        size++;
    }

    Labels join(Labels target, String metric) throws SampleRejectedException {
        if (size == 0 && target.size() == 0) {
            return Labels.EMPTY;
        }
        Map<String, String> labels = HashMap.newHashMap(size + target.size());
        for (int i = 0; i < size; i++) {
            if (labels.put(names[i], values[i]) != null) {
                throw new SampleRejectedException("label '" + names[i] + "' appears twice in a sample of '" + metric + "'");
            }
        }
        for (int i = 0; i < target.size(); i++) {
            String name = target.name(i);
            String exposed = labels.get(name);
            if (exposed != null) {
                String exported = "exported_" + name;
                while (labels.containsKey(exported) || target.get(exported) != null) {
                    exported = "exported_" + exported;
                }
                labels.put(exported, exposed);
            }
            labels.put(name, target.value(i));
        }
        if (collector.tooManyLabels(labels.size())) {
            throw tooMany(metric);
        }
        return Labels.of(labels);
    }

    private SampleRejectedException tooMany(String metric) {
        return new SampleRejectedException(
                collector.moreLabelsThanTheLimitProblem("sample of '" + metric + "'", "labels (target labels included)"));
    }
}
