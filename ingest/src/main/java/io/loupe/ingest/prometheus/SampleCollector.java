package io.loupe.ingest.prometheus;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.MetricSample;
import io.loupe.ingest.parse.LineError;
import io.loupe.ingest.parse.ParsedSamples;
import java.util.ArrayList;
import java.util.List;

/** Accumulates one exposition's outcome: accepted samples, the exact rejected count, the first listed errors. */
final class SampleCollector {
    private final int maxSamples;
    private final List<MetricSample> accepted = new ArrayList<>();
    private final List<LineError> errors = new ArrayList<>();
    private int rejected;
    private int samples;

    SampleCollector(int maxSamples) {
        this.maxSamples = maxSamples;
    }

    /** Counts one sample line, accepted or not; throws 413 past the request limit. */
    void countSample() {
        if (++samples > maxSamples) {
            throw new LoupeException(ErrorCode.TOO_MANY_EVENTS, "body has more than " + maxSamples
                    + " samples, the limit of ingest.max_events_per_request; send smaller batches or raise the limit");
        }
    }

    void accept(MetricSample sample) {
        accepted.add(sample);
    }

    void reject(int line, String message) {
        rejected++;
        if (errors.size() < ParsedSamples.MAX_LISTED_ERRORS) {
            errors.add(new LineError(line, ErrorCode.INVALID_SAMPLE, message));
        }
    }

    ParsedSamples result() {
        return new ParsedSamples(accepted, rejected, errors);
    }
}
