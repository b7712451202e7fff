package io.loupe.ops.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** NDJSON events as an Elasticsearch {@code _bulk} body: a {@code create} action line before each document. */
final class BulkBatchEncoder implements BatchEncoder {
    private static final byte[] ACTION = "{\"create\":{\"_index\":\"bench-app\"}}\n".getBytes(StandardCharsets.UTF_8);

    @Override
    public byte[] encode(byte[] ndjsonBatch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ndjsonBatch.length + ndjsonBatch.length / 4);
        int start = 0;
        for (int i = 0; i < ndjsonBatch.length; i++) {
            if (ndjsonBatch[i] == '\n') {
                out.writeBytes(ACTION);
                out.write(ndjsonBatch, start, i + 1 - start);
                start = i + 1;
            }
        }
        return out.toByteArray();
    }
}
