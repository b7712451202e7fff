package io.loupe.ingest.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** What the writer writes, the reader reads back exactly, field by field. */
class ProtobufRoundTripPropertiesTest {
    /** One field of a random message: its kind decides how it is written and read. */
    record Field(int number, int kind, long longValue, String stringValue) {
    }

    @Property(tries = 300)
    void everyFieldReadsBackAsWritten(@ForAll("messages") List<Field> fields) {
        ProtobufWriter writer = new ProtobufWriter();
        for (Field field : fields) {
            switch (field.kind) {
                case 0 -> writer.writeVarintField(field.number, field.longValue);
                case 1 -> writer.writeSignedVarintField(field.number, field.longValue);
                case 2 -> writer.writeFixed64Field(field.number, field.longValue);
                case 3 -> writer.writeDoubleField(field.number, Double.longBitsToDouble(field.longValue));
                case 4 -> writer.writeFixed32Field(field.number, (int) field.longValue);
                case 5 -> writer.writeStringField(field.number, field.stringValue);
                default -> writer.writeMessageField(field.number, new ProtobufWriter().writeVarintField(1, field.longValue)
                        .writeStringField(2, field.stringValue));
            }
        }
        byte[] message = writer.toByteArray();
        assertEquals(message.length, writer.size());
        ProtobufReader reader = new ProtobufReader(message);
        for (Field field : fields) {
            int tag = reader.readTag();
            assertEquals(field.number, ProtobufReader.fieldNumber(tag));
            switch (field.kind) {
                case 0 -> assertEquals(field.longValue, reader.readVarint64());
                case 1 -> assertEquals(field.longValue, reader.readSignedVarint64());
                case 2 -> assertEquals(field.longValue, reader.readFixed64());
                case 3 -> assertEquals(field.longValue, Double.doubleToRawLongBits(reader.readDouble()));
                case 4 -> assertEquals((int) field.longValue, reader.readFixed32());
                case 5 -> assertEquals(field.stringValue, reader.readString());
                default -> {
                    ProtobufReader embedded = reader.readMessage();
                    embedded.readTag();
                    assertEquals(field.longValue, embedded.readVarint64());
                    embedded.readTag();
                    assertEquals(field.stringValue, embedded.readString());
                    assertFalse(embedded.hasRemaining());
                }
            }
        }
        assertFalse(reader.hasRemaining());
    }

    @Property(tries = 200)
    void skippingEveryFieldConsumesTheMessageExactly(@ForAll("messages") List<Field> fields) {
        ProtobufWriter writer = new ProtobufWriter();
        for (Field field : fields) {
            switch (field.kind % 4) {
                case 0 -> writer.writeVarintField(field.number, field.longValue);
                case 1 -> writer.writeFixed64Field(field.number, field.longValue);
                case 2 -> writer.writeFixed32Field(field.number, (int) field.longValue);
                default -> writer.writeStringField(field.number, field.stringValue);
            }
        }
        ProtobufReader reader = new ProtobufReader(writer.toByteArray());
        List<Integer> numbers = new ArrayList<>();
        while (reader.hasRemaining()) {
            int tag = reader.readTag();
            numbers.add(ProtobufReader.fieldNumber(tag));
            reader.skipField(tag);
        }
        assertEquals(fields.stream().map(Field::number).toList(), numbers);
    }

    @Property(tries = 200)
    void packedDoublesKeepTheirBits(@ForAll("bitPatterns") List<Long> bits, @ForAll @IntRange(min = 1, max = 1000) int field) {
        double[] values = bits.stream().mapToDouble(Double::longBitsToDouble).toArray();
        ProtobufReader reader = new ProtobufReader(new ProtobufWriter().writePackedDoubleField(field, values).toByteArray());
        List<Long> read = new ArrayList<>();
        reader.readRepeatedDouble(reader.readTag(), value -> read.add(Double.doubleToRawLongBits(value)));
        assertEquals(bits, read);
    }

    @Property(tries = 200)
    void utf8EncodedLengthMatchesTheEncoder(@ForAll("text") String text) throws Exception {
        byte[] encoded = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(encoded.length, Utf8.encodedLength(text));
        assertEquals(text, Utf8.decode(encoded, 0, encoded.length));
    }

    @Provide
    Arbitrary<String> text() {
        return wellFormedStrings();
    }

    @Provide
    Arbitrary<List<Field>> messages() {
        Arbitrary<Field> field = Combinators.combine(
                Arbitraries.integers().between(1, (1 << 29) - 1),
                Arbitraries.integers().between(0, 6),
                Arbitraries.longs(),
                wellFormedStrings()).as(Field::new);
        return field.list().ofMaxSize(30);
    }

    /** Any Unicode text (no lone surrogates, which UTF-8 cannot carry). */
    static Arbitrary<String> wellFormedStrings() {
        return Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(codePoint -> codePoint < Character.MIN_SURROGATE || codePoint > Character.MAX_SURROGATE)
                .list().ofMaxSize(20)
                .map(codePoints -> new String(codePoints.stream().mapToInt(Integer::intValue).toArray(), 0, codePoints.size()));
    }

    @Provide
    Arbitrary<List<Long>> bitPatterns() {
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.of(0x7ff0000000000002L, 0x7ff8000000000000L,
                0xfff8000000000001L, Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Double.POSITIVE_INFINITY)))
                .list().ofMaxSize(50);
    }
}
