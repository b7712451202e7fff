package io.loupe.ingest.wire;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Arbitrary bytes walked as nested messages end either cleanly or in WireFormatException, never in another exception. */
class ProtobufReaderGarbageTest {
    @Property(tries = 1000)
    void garbageEndsOnlyInWireFormatException(@ForAll @Size(max = 200) byte[] bytes) {
        try {
            walk(new ProtobufReader(bytes), 0);
        } catch (WireFormatException expected) {
            assertTrue(expected.offset() >= 0 && expected.offset() <= bytes.length, expected.getMessage());
        }
    }

    /** Reads every field with each accessor a decoder might use, treating length-delimited ones as messages. */
    private static void walk(ProtobufReader reader, int depth) {
        while (reader.hasRemaining()) {
            int tag = reader.readTag();
            switch (ProtobufReader.wireType(tag)) {
                case ProtobufReader.WIRE_TYPE_VARINT -> reader.readSignedVarint64();
                case ProtobufReader.WIRE_TYPE_FIXED64 -> reader.readDouble();
                case ProtobufReader.WIRE_TYPE_FIXED32 -> reader.readFloat();
                default -> {
                    if (depth < 8 && ProtobufReader.fieldNumber(tag) % 2 == 0) {
                        walk(reader.readMessage(), depth + 1);
                    } else if (ProtobufReader.fieldNumber(tag) % 3 == 0) {
                        reader.readRepeatedFixed64(tag, value -> { });
                    } else {
                        reader.readString();
                    }
                }
            }
        }
    }
}
