package io.loupe.ingest.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtobufReaderTest {
    private static ProtobufReader reader(int... bytes) {
        byte[] buffer = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            buffer[i] = (byte) bytes[i];
        }
        return new ProtobufReader(buffer);
    }

    @Test
    void readsTheProtobufDocumentationExample() {
        // message Test1 { int32 a = 1; } with a = 150 is 08 96 01
        ProtobufReader reader = reader(0x08, 0x96, 0x01);
        int tag = reader.readTag();
        assertEquals(1, ProtobufReader.fieldNumber(tag));
        assertEquals(ProtobufReader.WIRE_TYPE_VARINT, ProtobufReader.wireType(tag));
        assertEquals(150, reader.readVarint64());
        assertFalse(reader.hasRemaining());
    }

    @Test
    void readsNegativeInt32AsTenByteVarint() {
        byte[] message = new ProtobufWriter().writeVarintField(1, -1).toByteArray();
        assertEquals(11, message.length);
        ProtobufReader reader = new ProtobufReader(message);
        reader.readTag();
        assertEquals(-1, reader.readVarint32());
    }

    @Test
    void truncatedVarintNamesItsOffset() {
        ProtobufReader reader = reader(0x08, 0x96);
        reader.readTag();
        WireFormatException e = assertThrows(WireFormatException.class, reader::readVarint64);
        assertEquals(1, e.offset());
        assertEquals("truncated varint at offset 1", e.getMessage());
    }

    @Test
    void varintOfElevenBytesIsRefused() {
        ProtobufReader reader = reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01);
        WireFormatException e = assertThrows(WireFormatException.class, reader::readVarint64);
        assertEquals("varint longer than 10 bytes at offset 0", e.getMessage());
    }

    @Test
    void varintOverflowingSixtyFourBitsIsRefused() {
        ProtobufReader reader = reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02);
        assertEquals("varint overflows 64 bits at offset 0", assertThrows(WireFormatException.class, reader::readVarint64).getMessage());
        assertEquals(-1L, reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).readVarint64());
    }

    @Test
    void lengthPastTheEndIsRefusedWithTheBytesLeft() {
        // field 1, length-delimited, length 5, but only 2 bytes follow
        ProtobufReader reader = reader(0x0a, 0x05, 'a', 'b');
        reader.readTag();
        WireFormatException e = assertThrows(WireFormatException.class, reader::readString);
        assertEquals("length 5 runs past the end of its message (2 bytes left) at offset 1", e.getMessage());
    }

    @Test
    void hugeLengthDoesNotOverflow() {
        ProtobufReader reader = reader(0x0a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01);
        reader.readTag();
        assertTrue(assertThrows(WireFormatException.class, reader::readMessage).getMessage()
                .startsWith("length 18446744073709551615 runs past the end"));
    }

    @Test
    void embeddedMessageCannotReadPastItsLength() {
        // field 1 = message of 2 bytes {08 01}; then field 2 varint 7 outside it
        byte[] message = {0x0a, 0x02, 0x08, 0x01, 0x10, 0x07};
        ProtobufReader reader = new ProtobufReader(message);
        reader.readTag();
        ProtobufReader embedded = reader.readMessage();
        embedded.readTag();
        assertEquals(1, embedded.readVarint64());
        assertFalse(embedded.hasRemaining());
        assertEquals(2, ProtobufReader.fieldNumber(reader.readTag()));
        assertEquals(7, reader.readVarint64());
    }

    @Test
    void truncatedFixedFieldsAreRefused() {
        ProtobufReader fixed64 = reader(0x09, 1, 2, 3);
        fixed64.readTag();
        assertEquals("truncated fixed64 (3 of 8 bytes) at offset 1", assertThrows(WireFormatException.class, fixed64::readDouble).getMessage());
        ProtobufReader fixed32 = reader(0x0d, 1);
        fixed32.readTag();
        assertThrows(WireFormatException.class, fixed32::readFixed32);
    }

    @Test
    void groupsAndUnknownWireTypesAreRefused() {
        for (int wireType : new int[] {3, 4, 6, 7}) {
            WireFormatException e = assertThrows(WireFormatException.class, () -> reader(8 | wireType).readTag());
            assertTrue(e.getMessage().contains("wire type " + wireType), e.getMessage());
        }
    }

    @Test
    void fieldNumberZeroIsRefused() {
        assertTrue(assertThrows(WireFormatException.class, () -> reader(0x00).readTag()).getMessage()
                .contains("field number must be 1 or more"));
    }

    @Test
    void wrongWireTypeForAKnownFieldNamesBoth() {
        ProtobufReader reader = reader(0x10, 0x05, 0x08, 0x01);
        reader.skipField(reader.readTag());
        int tag = reader.readTag();
        WireFormatException e = assertThrows(WireFormatException.class,
                () -> reader.expectWireType(tag, ProtobufReader.WIRE_TYPE_LENGTH_DELIMITED));
        assertEquals("field 1 has wire type 0, expected 2 (length-delimited) at offset 2", e.getMessage());
    }

    @Test
    void invalidUtf8InAStringIsRefused() {
        ProtobufReader reader = reader(0x0a, 0x02, 0xc3, 0x28);
        reader.readTag();
        assertEquals("string field is not valid UTF-8 at offset 2", assertThrows(WireFormatException.class, reader::readString).getMessage());
    }

    @Test
    void skipsUnknownFieldsOfEveryWireType() {
        byte[] message = new ProtobufWriter()
                .writeVarintField(10, 300)
                .writeFixed64Field(11, 5)
                .writeStringField(12, "skip me")
                .writeFixed32Field(13, 7)
                .writeStringField(1, "kept")
                .toByteArray();
        ProtobufReader reader = new ProtobufReader(message);
        String kept = null;
        while (reader.hasRemaining()) {
            int tag = reader.readTag();
            if (ProtobufReader.fieldNumber(tag) == 1) {
                kept = reader.readString();
            } else {
                reader.skipField(tag);
            }
        }
        assertEquals("kept", kept);
    }

    @Test
    void repeatedScalarsAreReadPackedAndUnpacked() {
        byte[] message = new ProtobufWriter()
                .writePackedFixed64Field(1, 1, 2)
                .writeFixed64Field(1, 3)
                .writePackedDoubleField(2, 0.5, -0.0)
                .writeDoubleField(2, Double.NaN)
                .writePackedVarintField(3, 1, 300, -1)
                .writeVarintField(3, 4)
                .toByteArray();
        List<Long> fixed = new ArrayList<>();
        List<Long> doubleBits = new ArrayList<>();
        List<Long> varints = new ArrayList<>();
        ProtobufReader reader = new ProtobufReader(message);
        while (reader.hasRemaining()) {
            int tag = reader.readTag();
            switch (ProtobufReader.fieldNumber(tag)) {
                case 1 -> reader.readRepeatedFixed64(tag, fixed::add);
                case 2 -> reader.readRepeatedDouble(tag, value -> doubleBits.add(Double.doubleToRawLongBits(value)));
                default -> reader.readRepeatedVarint(tag, varints::add);
            }
        }
        assertEquals(List.of(1L, 2L, 3L), fixed);
        assertEquals(List.of(Double.doubleToRawLongBits(0.5), Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Double.NaN)),
                doubleBits);
        assertEquals(List.of(1L, 300L, -1L, 4L), varints);
    }

    @Test
    void packedFixed64OfAWrongLengthIsRefused() {
        ProtobufReader reader = reader(0x0a, 0x03, 1, 2, 3);
        int tag = reader.readTag();
        assertEquals("packed fixed64 field 1 is 3 bytes long, not a multiple of 8 at offset 1",
                assertThrows(WireFormatException.class, () -> reader.readRepeatedFixed64(tag, value -> { })).getMessage());
    }

    @Test
    void readsOnlyItsRangeOfTheArray() {
        byte[] buffer = {0x08, 0x01, 0x08, 0x02, 0x08, 0x03};
        ProtobufReader reader = new ProtobufReader(buffer, 2, 2);
        reader.readTag();
        assertEquals(2, reader.readVarint64());
        assertFalse(reader.hasRemaining());
        assertEquals(4, reader.position());
    }

    @Test
    void writerKeepsNanPayloadsAndBytes() {
        double stale = Double.longBitsToDouble(0x7ff0000000000002L);
        byte[] message = new ProtobufWriter().writeDoubleField(1, stale).writeBytesField(2, new byte[] {0, -1}).toByteArray();
        ProtobufReader reader = new ProtobufReader(message);
        reader.readTag();
        assertEquals(0x7ff0000000000002L, Double.doubleToRawLongBits(reader.readDouble()));
        reader.readTag();
        assertArrayEquals(new byte[] {0, -1}, reader.readBytes());
    }
}
