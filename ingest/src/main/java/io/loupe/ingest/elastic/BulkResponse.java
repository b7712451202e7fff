package io.loupe.ingest.elastic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The {@code _bulk} answer in Elasticsearch's shape, so shippers retry exactly the failed items:
 * <pre>
 * {"took":ms,"errors":bool,"items":[
 *   {"create":{"_index":i,"_id":id,"_version":1,"result":"created","_shards":{"total":1,"successful":1,"failed":0},
 *              "_seq_no":n,"_primary_term":1,"status":201}},
 *   {"index":{"_index":i,"_id":id,"status":400,"error":{"type":t,"reason":r,"index":i}}}, ...]}
 * </pre>
 */
public final class BulkResponse {
    private static final JsonFactory JSON = new JsonFactory();

    private BulkResponse() {
    }

    public static byte[] render(BulkOutcome outcome, long tookMillis) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + outcome.items().size() * 160);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("took", tookMillis);
            json.writeBooleanField("errors", outcome.errors());
            json.writeArrayFieldStart("items");
            long seqNo = 0;
            for (BulkItem item : outcome.items()) {
                json.writeStartObject();
                json.writeObjectFieldStart(item.action());
                json.writeStringField("_index", item.index());
                json.writeStringField("_id", item.id());
                if (item.failed()) {
                    json.writeNumberField("status", item.status());
                    json.writeObjectFieldStart("error");
                    json.writeStringField("type", item.errorType());
                    json.writeStringField("reason", item.reason());
                    json.writeStringField("index", item.index());
                    json.writeEndObject();
                } else {
                    json.writeNumberField("_version", 1);
                    json.writeStringField("result", "created");
                    json.writeObjectFieldStart("_shards");
                    json.writeNumberField("total", 1);
                    json.writeNumberField("successful", 1);
                    json.writeNumberField("failed", 0);
                    json.writeEndObject();
                    json.writeNumberField("_seq_no", seqNo++);
                    json.writeNumberField("_primary_term", 1);
                    json.writeNumberField("status", item.status());
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
