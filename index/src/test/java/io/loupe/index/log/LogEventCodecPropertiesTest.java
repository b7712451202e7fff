package io.loupe.index.log;

import static io.loupe.index.log.LogEventCodec.decodeBatch;
import static io.loupe.index.log.LogEventCodec.decodeStored;
import static io.loupe.index.log.LogEventCodec.batchOfStored;
import static io.loupe.index.log.LogEventCodec.encodeStored;
import static io.loupe.index.log.LogEventAssertions.assertSameEvent;
import static io.loupe.index.log.LogEventAssertions.assertSameEvents;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogFields;
import io.loupe.index.api.LogKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.LongRange;

/** Every event the schema allows survives both encodings unchanged: WAL batches and the stored event. */
class LogEventCodecPropertiesTest {

    @Property(tries = 500)
    void storedEventRoundTrips(@ForAll("events") LogEvent event) {
        byte[] bytes = encodeStored(event);
        assertSameEvent(event, decodeStored(bytes, 0, bytes.length), "stored");
    }

    @Property(tries = 200)
    void storedEventRoundTripsFromTheMiddleOfALargerBuffer(@ForAll("events") LogEvent event,
                                                           @ForAll("junk") byte[] before, @ForAll("junk") byte[] after) {
        byte[] bytes = encodeStored(event);
        byte[] buffer = new byte[before.length + bytes.length + after.length];
        System.arraycopy(before, 0, buffer, 0, before.length);
        System.arraycopy(bytes, 0, buffer, before.length, bytes.length);
        System.arraycopy(after, 0, buffer, before.length + bytes.length, after.length);
        assertSameEvent(event, decodeStored(buffer, before.length, bytes.length), "stored at offset " + before.length);
    }

    @Property(tries = 200)
    void batchRoundTrips(@ForAll("batches") List<LogEvent> events) {
        assertSameEvents(events, decodeBatch(batchOfStored(events.stream().map(LogEventCodec::encodeStored).toList())), "batch");
    }

    @Property(tries = 200)
    void chainLinkRoundTripsBesideTheEvent(@ForAll("events") LogEvent event, @ForAll("hashes") byte[] previous,
                                           @ForAll @LongRange(min = 1) long position) {
        byte[] bytes = encodeStored(event, new AuditChainLink(position, previous));
        assertSameEvent(event, decodeStored(bytes, 0, bytes.length), "stored with a link");
        AuditChainLink link = LogEventCodec.chainLink(bytes, 0, bytes.length);
        assertEquals(position, link.position());
        assertArrayEquals(previous, link.previousHash());
        assertNull(LogEventCodec.chainLink(encodeStored(event), 0, encodeStored(event).length));
    }

    @Property(tries = 200)
    void aBatchGivesBackEachEventsStoredBytesExactly(@ForAll("batches") List<LogEvent> events, @ForAll("hashes") byte[] previous) {
        List<byte[]> stored = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            stored.add(i % 2 == 0 ? encodeStored(events.get(i)) : encodeStored(events.get(i), new AuditChainLink(i, previous)));
        }
        List<LogEventCodec.StoredEvent> decoded = LogEventCodec.decodeBatchWithStored(batchOfStored(stored));
        for (int i = 0; i < events.size(); i++) {
            assertArrayEquals(stored.get(i), decoded.get(i).stored(), "event " + i);
            assertSameEvent(events.get(i), decoded.get(i).event(), "event " + i);
        }
    }

    @Property(tries = 100)
    void version1EventsAreStillRead(@ForAll("events") LogEvent event) {
        byte[] bytes = encodeStored(event);
        bytes[0] = LogEventCodec.VERSION_START; // version 2 without a link is version 1's layout
        assertSameEvent(event, decodeStored(bytes, 0, bytes.length), "version 1");
        assertNull(LogEventCodec.chainLink(bytes, 0, bytes.length));
    }

    @Provide
    Arbitrary<byte[]> hashes() {
        return Arbitraries.bytes().array(byte[].class).ofSize(AuditChainLink.HASH_BYTES);
    }

    @Provide
    Arbitrary<List<LogEvent>> batches() {
        return events().list().ofMaxSize(20);
    }

    @Provide
    Arbitrary<byte[]> junk() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(32);
    }

    @Provide
    Arbitrary<LogEvent> events() {
        return Combinators.combine(
                        Arbitraries.longs(),
                        Arbitraries.of(true, false),
                        Arbitraries.of(LogKind.class),
                        unicodeStrings(200).injectNull(0.3),
                        keywordFields(),
                        attributes(),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(300))
                .as(LogEvent::new);
    }

    /** A random subset of the schema keywords, each with an arbitrary value. */
    private static Arbitrary<Map<String, String>> keywordFields() {
        return Arbitraries.subsetOf(LogFields.KEYWORDS).flatMap(keys -> {
            List<String> names = List.copyOf(keys);
            return unicodeStrings(60).list().ofSize(names.size()).map(values -> {
                Map<String, String> fields = new HashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    fields.put(names.get(i), values.get(i));
                }
                return fields;
            });
        });
    }

    private static Arbitrary<Map<String, Object>> attributes() {
        Arbitrary<Object> values = Arbitraries.oneOf(
                unicodeStrings(80),
                Arbitraries.longs(),
                doubles(),
                Arbitraries.of(true, false));
        return Arbitraries.maps(unicodeStrings(20), values).ofMaxSize(8);
    }

    /** Ordinary doubles, the special values, and arbitrary bit patterns (including NaNs with payloads). */
    private static Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(
                Arbitraries.doubles(),
                Arbitraries.of(Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        Double.MIN_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL,
                        Double.longBitsToDouble(0x7FF0_0000_0000_0001L), Double.longBitsToDouble(0xFFF8_0000_0000_0000L),
                        Double.longBitsToDouble(0x7FF8_0000_0000_0ABCL)),
                Arbitraries.longs().map(Double::longBitsToDouble));
    }

    /**
     * Well-formed Unicode: mostly ASCII, plus any BMP character that is not a surrogate, supplementary
     * characters (emoji, CJK extensions) and the characters codecs like to get wrong.
     */
    static Arbitrary<String> unicodeStrings(int maxCodePoints) {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0x20, 0x7E)),
                Tuple.of(3, Arbitraries.integers().between(0, 0xFFFF).filter(c -> !Character.isSurrogate((char) c.intValue()))),
                Tuple.of(2, Arbitraries.integers().between(Character.MIN_SUPPLEMENTARY_CODE_POINT, Character.MAX_CODE_POINT)),
                Tuple.of(1, Arbitraries.of(0, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFEFF, 0xFFFD, 0xFFFF,
                        0x1F600, Character.MAX_CODE_POINT)));
        return codePoint.list().ofMaxSize(maxCodePoints)
                .map(points -> new String(points.stream().mapToInt(Integer::intValue).toArray(), 0, points.size()));
    }
}
