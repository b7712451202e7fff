package io.loupe.index.api;

import java.util.List;

/**
 * What {@link MetricStore#append} did: how many samples it stored and which it rejected.
 *
 * @param rejects at most a bounded number of rejects, in input order; {@code rejected} is the exact count
 */
public record MetricAppendResult(int accepted, int rejected, List<SampleReject> rejects) {

    /** @param index position of the sample in the appended list */
    public record SampleReject(int index, String reason) {
    }
}
