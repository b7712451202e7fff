package io.loupe.ingest.http;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.MetricAppendResult;
import io.loupe.ingest.parse.LineError;
import io.loupe.ingest.parse.ParsedSamples;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * What one metric ingest request did: the decoder's rejects (by line or position) and the store's
 * (samples outside the open window, by position among the decoded samples).
 */
public record MetricIngestOutcome(ParsedSamples parsed, MetricAppendResult stored) {
    public int accepted() {
        return stored.accepted();
    }

    public int rejected() {
        return parsed.rejected() + stored.rejected();
    }

    /**
     * Decoder and store rejects as one {@link ParsedSamples} counted in the protocol's own unit (an
     * OTLP data point, which makes several samples): a unit the store refused any sample of counts
     * once, and is listed once at its own position, in input order with the decoder's rejects.
     */
    public ParsedSamples byUnit() {
        int refusedUnits = 0;
        int lastUnit = 0;
        BitSet refused = stored.rejectedSamples();
        for (int sample = refused.nextSetBit(0); sample >= 0; sample = refused.nextSetBit(sample + 1)) {
            int unit = parsed.originOf(sample);
            if (unit != lastUnit) {
                refusedUnits++;
                lastUnit = unit;
            }
        }
        List<LineError> errors = new ArrayList<>(parsed.errors());
        lastUnit = 0;
        for (MetricAppendResult.SampleReject reject : stored.rejects()) {
            int unit = parsed.originOf(reject.index());
            if (unit != lastUnit) {
                errors.add(new LineError(unit, ErrorCode.INVALID_SAMPLE, reject.reason()));
                lastUnit = unit;
            }
        }
        errors.sort(Comparator.comparingInt(LineError::line));
        List<LineError> listed = List.copyOf(errors.subList(0, Math.min(errors.size(), ParsedSamples.MAX_LISTED_ERRORS)));
        return new ParsedSamples(parsed.accepted(), parsed.rejected() + refusedUnits, listed, null);
    }

    /** One line per listed reject, for protocols whose error body is plain text. */
    public List<String> messages() {
        List<String> messages = new ArrayList<>();
        for (LineError error : parsed.errors()) {
            messages.add("line " + error.line() + ": " + error.message());
        }
        for (MetricAppendResult.SampleReject reject : stored.rejects()) {
            messages.add(reject.reason());
        }
        return messages;
    }

    /** {@code {"accepted":n,"rejected":m,"errors":[...]}}: see {@link IngestResponseBody}. */
    public Buffer toJson() {
        return IngestResponseBody.render(accepted(), rejected(), parsed.errors(), stored.rejects());
    }
}
