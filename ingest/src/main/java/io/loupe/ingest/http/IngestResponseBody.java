package io.loupe.ingest.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.loupe.index.api.MetricAppendResult;
import io.loupe.ingest.parse.LineError;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON answer of the native ingest endpoints (logs, native metrics, Prometheus import):
 * <pre>
 * {"accepted":n,"rejected":m,"errors":[{"line":l,"code":c,"message":s}, ...,
 *                                      {"sample":i,"code":"SAMPLE_OUT_OF_WINDOW","message":s}, ...]}
 * </pre>
 * the parser's rejects by line (or array position) first, then the store's by their 1-based position
 * among the parsed samples.
 */
final class IngestResponseBody {
    private static final JsonFactory JSON = new JsonFactory();

    private IngestResponseBody() {
    }

    static Buffer render(int accepted, int rejected, List<LineError> parseErrors, List<MetricAppendResult.SampleReject> storeRejects) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + (parseErrors.size() + storeRejects.size()) * 128);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("accepted", accepted);
            json.writeNumberField("rejected", rejected);
            json.writeArrayFieldStart("errors");
            for (LineError error : parseErrors) {
                json.writeStartObject();
                json.writeNumberField("line", error.line());
                json.writeStringField("code", error.code().name());
                json.writeStringField("message", error.message());
                json.writeEndObject();
            }
            for (MetricAppendResult.SampleReject reject : storeRejects) {
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
