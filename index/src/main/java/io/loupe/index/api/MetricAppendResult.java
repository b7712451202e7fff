package io.loupe.index.api;

import java.util.BitSet;
import java.util.List;

/**
 * What {@link MetricStore#append} did: how many samples it stored and which it rejected.
 *
 * @param rejected        the exact count of rejected samples
 * @param rejects         the first rejects with their reasons, in input order (a bounded number)
 * @param rejectedSamples every rejected sample's position in the appended list, so that a protocol
 *                        whose unit is not the sample (an OTLP data point makes many) can count
 *                        its own units exactly; its cardinality is {@code rejected}
 */
public record MetricAppendResult(int accepted, int rejected, List<SampleReject> rejects, BitSet rejectedSamples) {

    public MetricAppendResult {
        if (rejectedSamples.cardinality() != rejected) {
            throw new IllegalArgumentException(rejected + " rejected samples but " + rejectedSamples.cardinality() + " positions");
        }
        rejectedSamples = (BitSet) rejectedSamples.clone();
    }

    /** Every sample stored. */
    public static MetricAppendResult allAccepted(int accepted) {
        return new MetricAppendResult(accepted, 0, List.of(), new BitSet());
    }

    @Override
    public BitSet rejectedSamples() {
        return (BitSet) rejectedSamples.clone();
    }

    /** @param index position of the sample in the appended list */
    public record SampleReject(int index, String reason) {
    }
}
