package io.loupe.ingest.http;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.MetricAppendResult;
import io.loupe.ingest.parse.LineError;
import io.loupe.ingest.parse.ParsedSamples;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
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
     * Decoder and store rejects as one {@link ParsedSamples} (store rejects numbered by their
     * position among the decoded samples), for protocols that report rejects in their own shape.
     */
    public ParsedSamples combined() {
        List<LineError> errors = new ArrayList<>(parsed.errors());
        for (MetricAppendResult.SampleReject reject : stored.rejects()) {
            if (errors.size() < ParsedSamples.MAX_LISTED_ERRORS) {
                errors.add(new LineError(reject.index() + 1, ErrorCode.INVALID_SAMPLE, reject.reason()));
            }
        }
        return new ParsedSamples(parsed.accepted(), rejected(), List.copyOf(errors));
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
