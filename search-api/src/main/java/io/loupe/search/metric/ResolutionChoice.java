package io.loupe.search.metric;

import io.loupe.index.api.MetricResolution;
import java.util.Comparator;
import java.util.List;

/**
 * Which storage tier answers a query: the coarsest resolution that still holds data for the start
 * of the range and whose bucket width is at most the step and divides it evenly (raw always fits).
 * Quantiles always read raw samples, since rollups cannot answer them exactly. When no covering
 * tier fits (raw has aged out and the step is finer than, or not a multiple of, the rollups), the
 * finest covering tier answers, each of its buckets reported in the query bucket holding its start.
 */
final class ResolutionChoice {
    private ResolutionChoice() {
    }

    static MetricResolution choose(List<MetricResolution> covering, long stepMillis, MetricFunction function) {
        if (function.isQuantile() || covering.isEmpty()) {
            return MetricResolution.RAW;
        }
        return covering.stream()
                .filter(resolution -> fits(resolution, stepMillis))
                .max(Comparator.comparingLong(MetricResolution::millis))
                .orElseGet(() -> covering.stream().min(Comparator.comparingLong(MetricResolution::millis)).orElseThrow());
    }

    private static boolean fits(MetricResolution resolution, long stepMillis) {
        return resolution == MetricResolution.RAW
                || resolution.millis() <= stepMillis && stepMillis % resolution.millis() == 0;
    }
}
