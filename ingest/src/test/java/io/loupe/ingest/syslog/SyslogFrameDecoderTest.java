package io.loupe.ingest.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyslogFrameDecoderTest {

    static List<SyslogFrame> decode(int maxFrameBytes, String stream, int chunkSize) {
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        SyslogFrameDecoder decoder = new SyslogFrameDecoder(maxFrameBytes);
        List<SyslogFrame> frames = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += chunkSize) {
            decoder.feed(bytes, i, Math.min(chunkSize, bytes.length - i), frames::add);
        }
        decoder.flush(frames::add);
        return frames;
    }

    private static List<String> texts(List<SyslogFrame> frames) {
        return frames.stream().map(f -> new String(f.bytes(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void octetCountingAndNewlineFramingMixPerMessageAtEveryChunkSize() {
        String stream = "11 <13>1 - a b\n<14>lf framed\r\n\n5 <1>xy<2>nul ended\0" + "7 <3>\nab\n";
        for (int chunk = 1; chunk <= stream.length(); chunk++) {
            assertEquals(List.of("<13>1 - a b", "<14>lf framed", "<1>xy", "<2>nul ended", "<3>\nab\n"), texts(decode(1000, stream, chunk)),
                    "chunk size " + chunk);
        }
    }

    @Test
    void digitsWithoutASpaceStartANewlineFramedMessage() {
        assertEquals(List.of("2026-12-04 boot", "1234567890123 long number"), texts(decode(1000, "2026-12-04 boot\n1234567890123 long number\n", 3)));
    }

    @Test
    void anOversizedMessageIsCutAndFlaggedAndTheNextOneIsIntact() {
        List<SyslogFrame> lf = decode(8, "0123456789abcdef\nnext\n", 5);
        assertEquals(List.of("01234567", "next"), texts(lf));
        assertTrue(lf.get(0).truncated());
        assertFalse(lf.get(1).truncated());
        List<SyslogFrame> counted = decode(8, "16 <1>3456789abcdef4 next", 3);
        assertEquals(List.of("<1>34567", "next"), texts(counted));
        assertTrue(counted.get(0).truncated());
    }

    @Test
    void theStreamEndFlushesAnUnterminatedMessage() {
        List<SyslogFrame> frames = decode(100, "<13>no newline at the end", 4);
        assertEquals(List.of("<13>no newline at the end"), texts(frames));
        List<SyslogFrame> shortCount = decode(100, "20 <13>cut", 4);
        assertEquals(List.of("<13>cut"), texts(shortCount));
        assertTrue(shortCount.get(0).truncated());
    }
}
