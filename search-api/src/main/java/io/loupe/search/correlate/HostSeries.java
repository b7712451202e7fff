package io.loupe.search.correlate;

import io.loupe.search.metric.HostSignal;
import java.util.Map;

/**
 * One host's series over a correlation's buckets, all aligned to the same {@link io.loupe.search.metric.BucketGrid}.
 * Arrays are shared, not copied: do not modify them.
 *
 * @param host      the host name (the {@code host} field of its events, the {@code host} label of its metrics)
 * @param hits      the host's matching events over the whole window
 * @param histogram the host's matching events per bucket
 * @param errors    the host's matching events of level error or fatal per bucket
 * @param signals   per requested host signal, its value per bucket; NaN where the bucket has no point
 */
public record HostSeries(String host, long hits, long[] histogram, long[] errors, Map<HostSignal, double[]> signals) {
    public HostSeries {
        signals = Map.copyOf(signals);
    }
}
