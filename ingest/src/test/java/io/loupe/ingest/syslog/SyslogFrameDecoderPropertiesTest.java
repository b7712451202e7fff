package io.loupe.ingest.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Framing round-trips any messages however the stream is split, and arbitrary bytes never make the
 * decoder throw or hold more than {@code maxFrameBytes} in one frame.
 */
class SyslogFrameDecoderPropertiesTest {

    @Property(tries = 300)
    void octetCountedMessagesRoundTripWhateverTheChunking(@ForAll("messages") List<String> messages, @ForAll @IntRange(min = 1, max = 64) int chunk) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (String message : messages) {
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            stream.writeBytes((bytes.length + " ").getBytes(StandardCharsets.US_ASCII));
            stream.writeBytes(bytes);
        }
        List<String> decoded = decode(stream.toByteArray(), 1 << 20, chunk);
        assertEquals(messages, decoded);
    }

    @Property(tries = 300)
    void newlineFramedMessagesRoundTrip(@ForAll("lines") List<String> lines, @ForAll @IntRange(min = 1, max = 64) int chunk) {
        String stream = String.join("\n", lines) + "\n";
        assertEquals(lines.stream().filter(l -> !l.isEmpty()).toList(), decode(stream.getBytes(StandardCharsets.UTF_8), 1 << 20, chunk));
    }

    @Property(tries = 500)
    void garbageNeverThrowsAndFramesStayBounded(@ForAll @Size(max = 2000) byte[] stream, @ForAll @IntRange(min = 1, max = 300) int maxFrame,
                                                @ForAll @IntRange(min = 1, max = 97) int chunk) {
        SyslogFrameDecoder decoder = new SyslogFrameDecoder(maxFrame);
        List<SyslogFrame> frames = new ArrayList<>();
        for (int i = 0; i < stream.length; i += chunk) {
            decoder.feed(stream, i, Math.min(chunk, stream.length - i), frames::add);
        }
        decoder.flush(frames::add);
        long total = 0;
        for (SyslogFrame frame : frames) {
            assertTrue(frame.bytes().length > 0 && frame.bytes().length <= maxFrame);
            total += frame.bytes().length;
        }
        assertTrue(total <= stream.length);
    }

    private static List<String> decode(byte[] stream, int maxFrame, int chunk) {
        SyslogFrameDecoder decoder = new SyslogFrameDecoder(maxFrame);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < stream.length; i += chunk) {
            decoder.feed(stream, i, Math.min(chunk, stream.length - i), f -> out.add(new String(f.bytes(), StandardCharsets.UTF_8)));
        }
        decoder.flush(f -> out.add(new String(f.bytes(), StandardCharsets.UTF_8)));
        return out;
    }

    @Provide
    Arbitrary<List<String>> messages() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(200).list().ofMaxSize(20);
    }

    @Provide
    Arbitrary<List<String>> lines() {
        // a line that starts with digit-run + space would be read as an octet count, by design; start lines with '<'
        return Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(120).map(s -> s.isEmpty() ? s : "<" + s).list().ofMaxSize(20);
    }
}
