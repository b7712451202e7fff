package io.loupe.ingest.parse;

import io.loupe.index.api.MetricSample;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The metric samples of one request that passed validation, and the rejected ones.
 *
 * @param accepted samples to store
 * @param rejected exact count of rejected samples (or lines, or data points: the protocol's unit)
 * @param errors   the first {@link #MAX_LISTED_ERRORS} rejections, in input order; {@code line} is
 *                 the 1-based line for text protocols, the 1-based position for binary ones
 * @param origins  for protocols whose unit makes several samples (an OTLP data point), the 1-based
 *                 unit each accepted sample came from, in step with {@code accepted}; {@code null}
 *                 where each sample is its own unit
 */
public record ParsedSamples(List<MetricSample> accepted, int rejected, List<LineError> errors, int[] origins) {
    public static final int MAX_LISTED_ERRORS = 100;

    public ParsedSamples {
        if (origins != null && origins.length != accepted.size()) {
            throw new IllegalArgumentException(origins.length + " origins for " + accepted.size() + " samples");
        }
    }

    /** Samples that are each their own unit. */
    public ParsedSamples(List<MetricSample> accepted, int rejected, List<LineError> errors) {
        this(accepted, rejected, errors, null);
    }

    /** The 1-based unit (data point, or the sample itself) that accepted sample {@code sampleIndex} came from. */
    public int originOf(int sampleIndex) {
        return origins == null ? sampleIndex + 1 : origins[sampleIndex];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ParsedSamples that && accepted.equals(that.accepted) && rejected == that.rejected
                && errors.equals(that.errors) && Arrays.equals(origins, that.origins);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accepted, rejected, errors, Arrays.hashCode(origins));
    }
}
