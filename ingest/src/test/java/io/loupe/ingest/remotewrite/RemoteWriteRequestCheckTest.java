package io.loupe.ingest.remotewrite;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import org.junit.jupiter.api.Test;

class RemoteWriteRequestCheckTest {
    @Test
    void acceptsWhatPrometheusSends() {
        assertDoesNotThrow(() -> RemoteWriteRequestCheck.check("application/x-protobuf", "snappy"));
        assertDoesNotThrow(() -> RemoteWriteRequestCheck.check("application/x-protobuf;proto=prometheus.WriteRequest", "snappy"));
        assertDoesNotThrow(() -> RemoteWriteRequestCheck.check("Application/X-Protobuf; charset=utf-8", " Snappy "));
        assertDoesNotThrow(() -> RemoteWriteRequestCheck.check(null, "snappy"));
    }

    @Test
    void refusesOtherEncodingsNamingWhatIsExpected() {
        LoupeException missing = assertThrows(LoupeException.class, () -> RemoteWriteRequestCheck.check("application/x-protobuf", null));
        assertEquals(ErrorCode.UNSUPPORTED_ENCODING, missing.code());
        assertEquals("remote write bodies must be snappy-compressed (Content-Encoding: snappy, block format);"
                + " the request has no Content-Encoding", missing.getMessage());
        LoupeException gzip = assertThrows(LoupeException.class, () -> RemoteWriteRequestCheck.check("application/x-protobuf", "gzip"));
        assertEquals("remote write bodies must be snappy-compressed (Content-Encoding: snappy, block format), not 'gzip'",
                gzip.getMessage());
    }

    @Test
    void refusesOtherContentTypes() {
        LoupeException json = assertThrows(LoupeException.class, () -> RemoteWriteRequestCheck.check("application/json", "snappy"));
        assertEquals(ErrorCode.UNSUPPORTED_MEDIA_TYPE, json.code());
        assertEquals("remote write bodies are protobuf (Content-Type: application/x-protobuf), not 'application/json'", json.getMessage());
    }

    @Test
    void refusesRemoteWriteTwoSoTheSenderFallsBack() {
        LoupeException v2 = assertThrows(LoupeException.class,
                () -> RemoteWriteRequestCheck.check("application/x-protobuf;proto=io.prometheus.write.v2.Request", "snappy"));
        assertEquals(ErrorCode.UNSUPPORTED_MEDIA_TYPE, v2.code());
        assertEquals("remote write message 'io.prometheus.write.v2.Request' is not supported; only remote write 1.0"
                + " (proto=prometheus.WriteRequest) is; set protobuf_message: prometheus.WriteRequest in the sender's"
                + " remote_write config", v2.getMessage());
    }
}
