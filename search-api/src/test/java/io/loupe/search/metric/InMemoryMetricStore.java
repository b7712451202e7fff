package io.loupe.search.metric;

import io.loupe.index.api.LabelMatcher;
import io.loupe.index.api.Labels;
import io.loupe.index.api.MetricAppendResult;
import io.loupe.index.api.MetricResolution;
import io.loupe.index.api.MetricSample;
import io.loupe.index.api.MetricStore;
import io.loupe.index.api.RollupSamples;
import io.loupe.index.api.SeriesKey;
import io.loupe.index.api.SeriesRef;
import io.loupe.index.api.SeriesSamples;
import io.loupe.index.api.StaleMarker;
import io.loupe.index.api.TimeRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A {@link MetricStore} for tests: samples in sorted maps, rollups computed naively from the raw
 * samples on each call (the increase of a bucket includes the pair from the sample before it, and
 * no pair spans a stale marker; {@code last} is the bucket's last sample, stale marker included).
 * It records which tier each read used and the limit of the last series call.
 */
final class InMemoryMetricStore implements MetricStore {
    private final TreeMap<SeriesKey, TreeMap<Long, Double>> data = new TreeMap<>();
    private final Map<SeriesKey, Integer> ids = new TreeMap<>();
    private List<MetricResolution> covering = List.of(MetricResolution.RAW, MetricResolution.FIVE_MINUTES, MetricResolution.ONE_HOUR);
    private boolean ready = true;
    int rawReads;
    int rollupReads;
    int lastSeriesLimit;

    InMemoryMetricStore add(String name, Labels labels, long timestampMillis, double value) {
        SeriesKey key = new SeriesKey(name, labels);
        ids.computeIfAbsent(key, k -> ids.size() + 1);
        data.computeIfAbsent(key, k -> new TreeMap<>()).put(timestampMillis, value);
        return this;
    }

    /** Adds {@code values[i]} at {@code start + i * interval}. */
    InMemoryMetricStore addEvery(String name, Labels labels, long start, long intervalMillis, double... values) {
        for (int i = 0; i < values.length; i++) {
            add(name, labels, start + i * intervalMillis, values[i]);
        }
        return this;
    }

    void cover(List<MetricResolution> resolutions) {
        this.covering = List.copyOf(resolutions);
    }

    void setReady(boolean ready) {
        this.ready = ready;
    }

    @Override
    public MetricAppendResult append(List<MetricSample> samples) {
        samples.forEach(sample -> add(sample.series().name(), sample.series().labels(), sample.timestampMillis(), sample.value()));
        return MetricAppendResult.allAccepted(samples.size());
    }

    @Override
    public List<SeriesRef> series(List<LabelMatcher> matchers, long fromMillis, long toMillis, int limit) {
        lastSeriesLimit = limit;
        List<SeriesRef> found = new ArrayList<>();
        for (Map.Entry<SeriesKey, TreeMap<Long, Double>> series : data.entrySet()) {
            boolean matches = matchers.stream().allMatch(matcher -> matcher.matches(series.getKey()));
            if (matches && !series.getValue().subMap(fromMillis, true, toMillis, true).isEmpty()) {
                found.add(new SeriesRef(ids.get(series.getKey()), series.getKey()));
                if (found.size() == limit) {
                    break;
                }
            }
        }
        return found;
    }

    @Override
    public SeriesSamples samples(SeriesRef series, long fromMillis, long toMillis) {
        rawReads++;
        NavigableMap<Long, Double> range = data.get(series.key()).subMap(fromMillis, true, toMillis, true);
        long[] timestamps = new long[range.size()];
        double[] values = new double[range.size()];
        int i = 0;
        for (Map.Entry<Long, Double> sample : range.entrySet()) {
            timestamps[i] = sample.getKey();
            values[i++] = sample.getValue();
        }
        return new SeriesSamples(series, timestamps, values, i);
    }

    @Override
    public RollupSamples rollup(SeriesRef series, MetricResolution resolution, long fromMillis, long toMillis) {
        rollupReads++;
        long width = resolution.millis();
        TreeMap<Long, Bucket> buckets = new TreeMap<>();
        Double previous = null;
        for (Map.Entry<Long, Double> sample : data.get(series.key()).entrySet()) {
            long start = Math.floorDiv(sample.getKey(), width) * width;
            double value = sample.getValue();
            boolean stale = StaleMarker.is(value);
            if (start >= Math.floorDiv(fromMillis, width) * width && start <= toMillis) {
                Bucket bucket = buckets.computeIfAbsent(start, s -> new Bucket());
                bucket.last = value;
                if (!stale) {
                    bucket.min = bucket.count == 0 ? value : Math.min(bucket.min, value);
                    bucket.max = bucket.count == 0 ? value : Math.max(bucket.max, value);
                    bucket.sum += value;
                    bucket.count++;
                    if (previous != null) {
                        bucket.increase += (value < previous ? value : value - previous) + 0.0;
                    }
                }
            }
            previous = stale ? null : value;
        }
        buckets.values().removeIf(bucket -> bucket.count == 0);
        int n = buckets.size();
        long[] starts = new long[n];
        double[] min = new double[n];
        double[] max = new double[n];
        double[] sum = new double[n];
        long[] count = new long[n];
        double[] last = new double[n];
        double[] increase = new double[n];
        int i = 0;
        for (Map.Entry<Long, Bucket> entry : buckets.entrySet()) {
            Bucket bucket = entry.getValue();
            starts[i] = entry.getKey();
            min[i] = bucket.min;
            max[i] = bucket.max;
            sum[i] = bucket.sum;
            count[i] = bucket.count;
            last[i] = bucket.last;
            increase[i++] = bucket.increase;
        }
        return new RollupSamples(series, resolution, starts, min, max, sum, count, last, increase, n);
    }

    private static final class Bucket {
        double min;
        double max;
        double sum;
        long count;
        double last;
        double increase = RollupSamples.NO_INCREASE;
    }

    @Override
    public List<String> labelNames(List<LabelMatcher> matchers, long fromMillis, long toMillis) {
        TreeSet<String> names = new TreeSet<>();
        for (SeriesRef ref : series(matchers, fromMillis, toMillis, Integer.MAX_VALUE)) {
            names.add(LabelMatcher.METRIC_NAME);
            names.addAll(ref.key().labels().names());
        }
        return new ArrayList<>(names);
    }

    @Override
    public List<String> labelValues(String name, List<LabelMatcher> matchers, long fromMillis, long toMillis) {
        TreeSet<String> values = new TreeSet<>();
        for (SeriesRef ref : series(matchers, fromMillis, toMillis, Integer.MAX_VALUE)) {
            String value = name.equals(LabelMatcher.METRIC_NAME) ? ref.key().name() : ref.key().labels().get(name);
            if (value != null) {
                values.add(value);
            }
        }
        return new ArrayList<>(values);
    }

    @Override
    public TimeRange acceptedTimeRange() {
        return new TimeRange(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    @Override
    public List<MetricResolution> resolutionsCovering(long fromMillis) {
        return covering;
    }

    @Override
    public boolean ready() {
        return ready;
    }
}
