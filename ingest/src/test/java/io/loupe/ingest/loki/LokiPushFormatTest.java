package io.loupe.ingest.loki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import org.junit.jupiter.api.Test;

class LokiPushFormatTest {

    @Test
    void theContentTypeChoosesTheEncodingAndNoneMeansProtobufAsInLoki() {
        assertEquals(LokiPushFormat.JSON, LokiPushFormat.ofMediaType("application/json"));
        assertEquals(LokiPushFormat.PROTOBUF, LokiPushFormat.ofMediaType("application/x-protobuf"));
        assertEquals(LokiPushFormat.PROTOBUF, LokiPushFormat.ofMediaType(""));
    }

    @Test
    void otherContentTypesAre415() {
        LoupeException refused = assertThrows(LoupeException.class, () -> LokiPushFormat.ofMediaType("application/x-ndjson"));
        assertEquals(ErrorCode.UNSUPPORTED_MEDIA_TYPE, refused.code());
        assertEquals("content-type 'application/x-ndjson' is not a loki push; send application/x-protobuf (snappy-compressed)"
                + " or application/json", refused.getMessage());
    }

    @Test
    void gzipIsAcceptedAroundEitherEncodingAndSnappyOnlyForProtobuf() {
        assertTrue(LokiPushFormat.JSON.gzipped(" GZIP "));
        assertTrue(LokiPushFormat.PROTOBUF.gzipped("gzip"));
        assertFalse(LokiPushFormat.JSON.gzipped(null));
        assertFalse(LokiPushFormat.JSON.gzipped("identity"));
        assertFalse(LokiPushFormat.PROTOBUF.gzipped("snappy"));
        assertFalse(LokiPushFormat.PROTOBUF.gzipped(""));
        LoupeException snappyJson = assertThrows(LoupeException.class, () -> LokiPushFormat.JSON.gzipped("snappy"));
        assertEquals(ErrorCode.UNSUPPORTED_ENCODING, snappyJson.code());
        assertEquals("content-encoding 'snappy' is not supported for a JSON loki push; send it uncompressed or gzip",
                snappyJson.getMessage());
        LoupeException deflate = assertThrows(LoupeException.class, () -> LokiPushFormat.PROTOBUF.gzipped("deflate"));
        assertEquals(ErrorCode.UNSUPPORTED_ENCODING, deflate.code());
        assertEquals("content-encoding 'deflate' is not supported for a loki push; send snappy or gzip", deflate.getMessage());
    }
}
