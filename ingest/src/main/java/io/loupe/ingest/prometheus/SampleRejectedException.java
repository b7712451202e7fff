package io.loupe.ingest.prometheus;

/** One sample or line is invalid; the rest of the exposition goes on. Stackless: it is control flow. */
final class SampleRejectedException extends Exception {
    SampleRejectedException(String message) {
        super(message, null, false, false);
    }
}
