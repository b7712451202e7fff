package io.loupe.ingest.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.MetricAppendResult;
import io.loupe.ingest.parse.LineError;
import io.loupe.ingest.parse.ParsedSamples;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What one metric ingest request did: the decoder's rejects (by line or position) and the store's
 * (samples outside the open window, by position among the decoded samples).
 */
public record MetricIngestOutcome(ParsedSamples parsed, MetricAppendResult stored) {
    private static final JsonFactory JSON = new JsonFactory();

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

    /** {@code {"accepted":n,"rejected":m,"errors":[{"line":l,"code":c,"message":s} | {"sample":i,"code":"SAMPLE_OUT_OF_WINDOW","message":s}]}} */
    public Buffer toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("accepted", accepted());
            json.writeNumberField("rejected", rejected());
            json.writeArrayFieldStart("errors");
            for (LineError error : parsed.errors()) {
                json.writeStartObject();
                json.writeNumberField("line", error.line());
                json.writeStringField("code", error.code().name());
                json.writeStringField("message", error.message());
                json.writeEndObject();
            }
            for (MetricAppendResult.SampleReject reject : stored.rejects()) {
                json.writeStartObject();
                json.writeNumberField("sample", reject.index() + 1);
                json.writeStringField("code", "SAMPLE_OUT_OF_WINDOW");
                json.writeStringField("message", reject.reason());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Buffer.buffer(out.toByteArray());
    }
}
