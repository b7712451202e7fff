package io.loupe.ingest.parse;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.MetricSample;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * One metric request's outcome as its decoder reads it, and the {@link MetricLimits} every protocol
 * enforces alike. Every decoder (native, Prometheus text, Influx, remote write, OTLP) feeds one:
 *
 * <ul>
 *   <li>the accepted samples, in input order;</li>
 *   <li>the exact count of rejected samples, and the first {@link ParsedSamples#MAX_LISTED_ERRORS}
 *       reasons as {@code INVALID_SAMPLE} {@link LineError}s at their line or position;</li>
 *   <li>every sample counted, accepted or not: past {@code maxSamplesPerRequest} the whole request is
 *       refused with {@code TOO_MANY_EVENTS} (413), in the protocol's own words (each names the
 *       setting, and the sender's knob where it has one);</li>
 *   <li>the per-sample limits, phrased once here: a label name or value (or a metric name) longer than
 *       {@code ingest.max_label_value_bytes}, more labels than {@code ingest.max_fields_per_event}, a
 *       line longer than {@code ingest.max_line_bytes}. The protocol names the thing ("label",
 *       "tag", "attribute") and decides what counts; checks are split in a test and a message so
 *       that a passing check builds no string.</li>
 * </ul>
 *
 * One instance per request; not thread-safe.
 */
public final class SampleCollector {
    private final MetricLimits limits;
    private final IntFunction<String> tooManySamplesMessage;
    private final List<MetricSample> accepted = new ArrayList<>();
    private final List<LineError> errors = new ArrayList<>();
    private int rejected;
    private long counted;
    private int[] origins;
    private int origin;

    /**
     * @param tooManySamplesMessage the request-level refusal, given {@code maxSamplesPerRequest}
     *                              (see {@link #sendSmallerBatches(String)} for the common wording)
     */
    public SampleCollector(MetricLimits limits, IntFunction<String> tooManySamplesMessage) {
        this.limits = limits;
        this.tooManySamplesMessage = tooManySamplesMessage;
    }

    /** {@code "<body> has more than <limit> samples, the limit of ingest.max_events_per_request; send smaller batches or raise the limit"}. */
    public static IntFunction<String> sendSmallerBatches(String body) {
        return limit -> body + " has more than " + limit
                + " samples, the limit of ingest.max_events_per_request; send smaller batches or raise the limit";
    }

    public MetricLimits limits() {
        return limits;
    }

    /** Counts one sample (or one unreadable line or point), accepted or not. */
    public void countSample() {
        countSamples(1);
    }

    /**
     * Counts samples as they are read, so an oversized request stops before it is all in memory.
     *
     * @throws LoupeException TOO_MANY_EVENTS once more than {@code maxSamplesPerRequest} are counted
     */
    public void countSamples(int count) {
        counted += count;
        if (counted > limits.maxSamplesPerRequest()) {
            throw new LoupeException(ErrorCode.TOO_MANY_EVENTS, tooManySamplesMessage.apply(limits.maxSamplesPerRequest()));
        }
    }

    /**
     * From now on, accepted samples come from unit {@code position} (1-based), for protocols whose
     * unit makes several samples; see {@link ParsedSamples#origins()}. Call it before the first
     * sample, or never.
     */
    public void fromUnit(int position) {
        if (origins == null) {
            if (!accepted.isEmpty()) {
                throw new IllegalStateException("origins are tracked from the first sample or not at all");
            }
            origins = new int[16];
        }
        origin = position;
    }

    public void accept(MetricSample sample) {
        if (origins != null) {
            if (accepted.size() == origins.length) {
                origins = Arrays.copyOf(origins, origins.length * 2);
            }
            origins[accepted.size()] = origin;
        }
        accepted.add(sample);
    }

    /** Rejects one sample (or line) at its 1-based line or position. */
    public void reject(int position, String problem) {
        reject(position, 1, problem);
    }

    /** Rejects {@code samples} samples (a whole series or data point) with one listed reason. */
    public void reject(int position, int samples, String problem) {
        rejected += samples;
        if (errors.size() < ParsedSamples.MAX_LISTED_ERRORS) {
            errors.add(new LineError(position, ErrorCode.INVALID_SAMPLE, problem));
        }
    }

    public ParsedSamples result() {
        return new ParsedSamples(accepted, rejected, errors, origins == null ? null : Arrays.copyOf(origins, accepted.size()));
    }

    /** Whether a label name or value, or a metric name, of {@code utf8Bytes} is over {@code ingest.max_label_value_bytes}. */
    public boolean labelTooLong(int utf8Bytes) {
        return utf8Bytes > limits.maxLabelValueBytes();
    }

    /** {@code "<subject> is <bytes> bytes, more than the limit of <max> (ingest.max_label_value_bytes)"}. */
    public String labelTooLongProblem(String subject, int utf8Bytes) {
        return subject + " is " + utf8Bytes + " bytes, more than the limit of " + limits.maxLabelValueBytes()
                + " (ingest.max_label_value_bytes)";
    }

    /** Whether {@code labels} labels (the metric name not counted) are over {@code ingest.max_fields_per_event}. */
    public boolean tooManyLabels(int labels) {
        return labels > limits.maxLabelsPerSeries();
    }

    /**
     * For a count that stops at the limit: {@code "<subject> has more than <max> <labels>, the limit of
     * ingest.max_fields_per_event"}, {@code labels} being what the protocol calls them ("tags", ...).
     */
    public String moreLabelsThanTheLimitProblem(String subject, String labels) {
        return subject + " has more than " + limits.maxLabelsPerSeries() + " " + labels + ", the limit of ingest.max_fields_per_event";
    }

    /** For a known count: {@code "<subject> has <count> <labels>, more than the limit of <max> (ingest.max_fields_per_event)"}. */
    public String labelCountProblem(String subject, int count, String labels) {
        return subject + " has " + count + " " + labels + ", more than the limit of " + limits.maxLabelsPerSeries()
                + " (ingest.max_fields_per_event)";
    }

    /** Whether a line (or one element of a JSON array) of {@code bytes} is over {@code ingest.max_line_bytes}. */
    public boolean lineTooLong(int bytes) {
        return bytes > limits.maxLineBytes();
    }

    /** {@code "<line> is <bytes> bytes, more than the limit of <max> (ingest.max_line_bytes)"}, {@code line} being "line" or "sample". */
    public String lineTooLongProblem(String line, int bytes) {
        return line + " is " + bytes + " bytes, more than the limit of " + limits.maxLineBytes() + " (ingest.max_line_bytes)";
    }
}
