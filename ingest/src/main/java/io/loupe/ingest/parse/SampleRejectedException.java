package io.loupe.ingest.parse;

/**
 * One sample, line or series of a metric request is invalid; the rest of the request goes on. The
 * message is the reason listed in {@link ParsedSamples#errors()}. Stackless: it is control flow.
 */
public final class SampleRejectedException extends Exception {
    public SampleRejectedException(String message) {
        super(message, null, false, false);
    }
}
