package io.loupe.ingest.parse;

import io.loupe.index.api.MetricSample;
import java.util.List;

/**
 * The metric samples of one request that passed validation, and the rejected ones.
 *
 * @param accepted samples to store
 * @param rejected exact count of rejected samples (or lines, where a whole line was unreadable)
 * @param errors   the first {@link #MAX_LISTED_ERRORS} rejections, in input order; {@code line} is
 *                 the 1-based line for text protocols, the 1-based position for binary ones
 */
public record ParsedSamples(List<MetricSample> accepted, int rejected, List<LineError> errors) {
    public static final int MAX_LISTED_ERRORS = 100;
}
