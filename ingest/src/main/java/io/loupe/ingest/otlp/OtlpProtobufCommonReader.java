package io.loupe.ingest.otlp;

import static io.loupe.ingest.wire.ProtobufReader.WIRE_TYPE_FIXED32;
import static io.loupe.ingest.wire.ProtobufReader.WIRE_TYPE_FIXED64;
import static io.loupe.ingest.wire.ProtobufReader.WIRE_TYPE_LENGTH_DELIMITED;
import static io.loupe.ingest.wire.ProtobufReader.WIRE_TYPE_VARINT;
import static io.loupe.ingest.wire.ProtobufReader.fieldNumber;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loupe.ingest.wire.ProtobufReader;
import io.loupe.ingest.wire.WireFormatException;
import java.util.Base64;
import java.util.function.Consumer;

/**
 * Reads what every OTLP signal shares in the protobuf encoding: the messages of
 * {@code common/v1/common.proto}, and fields of a known type (a field sent with another wire type is
 * refused). Field numbers:
 * <pre>
 * KeyValue      key=1 value=2 (AnyValue)
 * AnyValue      string_value=1 bool_value=2 int_value=3 double_value=4
 *               array_value=5 (ArrayValue values=1) kvlist_value=6 (KeyValueList values=1) bytes_value=7
 * </pre>
 * An {@code AnyValue} becomes a plain JSON tree ({@link OtlpAttributeValue}); one nested more than
 * {@link OtlpAttributeValue#MAX_DEPTH} levels deep ends in {@link WireFormatException}, as does
 * anything malformed.
 */
final class OtlpProtobufCommonReader {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OtlpProtobufCommonReader() {
    }

    /** A top-level {@code KeyValue} (an attribute), its value at nesting level 1. */
    static OtlpKeyValue keyValue(ProtobufReader message) {
        return readKeyValue(message, 1, message.position());
    }

    /** A top-level {@code AnyValue} (a log body) as a JSON tree; null when unset. */
    static JsonNode anyValue(ProtobufReader message) {
        return readAnyValue(message, 1, message.position());
    }

    /**
     * @param depth  nesting level of the value (1 for an attribute's own value)
     * @param offset where a too-deep error points: the start of the outermost array or kvlist being read
     */
    private static OtlpKeyValue readKeyValue(ProtobufReader reader, int depth, int offset) {
        String key = "";
        JsonNode value = null;
        while (reader.hasRemaining()) {
            int tag = reader.readTag();
            switch (fieldNumber(tag)) {
                case 1 -> key = string(reader, tag);
                case 2 -> value = readAnyValue(message(reader, tag), depth, offset);
                default -> reader.skipField(tag);
            }
        }
        return new OtlpKeyValue(key, value);
    }

    private static JsonNode readAnyValue(ProtobufReader reader, int depth, int offset) {
        if (depth > OtlpAttributeValue.MAX_DEPTH) {
            throw new WireFormatException("attribute value nested more than " + OtlpAttributeValue.MAX_DEPTH + " levels deep", offset);
        }
        JsonNode value = null;
        while (reader.hasRemaining()) {
            int tag = reader.readTag();
            switch (fieldNumber(tag)) {
                case 1 -> value = NODES.textNode(string(reader, tag));
                case 2 -> {
                    reader.expectWireType(tag, WIRE_TYPE_VARINT);
                    value = NODES.booleanNode(reader.readBool());
                }
                case 3 -> value = NODES.numberNode(varint(reader, tag));
                case 4 -> value = NODES.numberNode(float64(reader, tag));
                case 5 -> {
                    int start = reader.position();
                    ArrayNode values = NODES.arrayNode();
                    forEachMessage(message(reader, tag), 1, element -> {
                        JsonNode item = readAnyValue(element, depth + 1, start);
                        values.add(item == null ? NODES.nullNode() : item);
                    });
                    value = values;
                }
                case 6 -> {
                    int start = reader.position();
                    ObjectNode entries = NODES.objectNode();
                    forEachMessage(message(reader, tag), 1, entry -> {
                        OtlpKeyValue keyValue = readKeyValue(entry, depth + 1, start);
                        entries.set(keyValue.key(), keyValue.value() == null ? NODES.nullNode() : keyValue.value());
                    });
                    value = entries;
                }
                case 7 -> value = NODES.textNode(Base64.getEncoder().encodeToString(bytes(reader, tag)));
                default -> reader.skipField(tag);
            }
        }
        return value;
    }

    /** Hands every embedded message in field {@code field} of {@code message} to {@code read}, in order; skips the other fields. */
    static void forEachMessage(ProtobufReader message, int field, Consumer<ProtobufReader> read) {
        while (message.hasRemaining()) {
            int tag = message.readTag();
            if (fieldNumber(tag) == field) {
                read.accept(message(message, tag));
            } else {
                message.skipField(tag);
            }
        }
    }

    static ProtobufReader message(ProtobufReader reader, int tag) {
        reader.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
        return reader.readMessage();
    }

    static String string(ProtobufReader reader, int tag) {
        reader.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
        return reader.readString();
    }

    static byte[] bytes(ProtobufReader reader, int tag) {
        reader.expectWireType(tag, WIRE_TYPE_LENGTH_DELIMITED);
        return reader.readBytes();
    }

    /** An {@code int64}, {@code uint64} or enum field, as the 64 bits of its varint. */
    static long varint(ProtobufReader reader, int tag) {
        reader.expectWireType(tag, WIRE_TYPE_VARINT);
        return reader.readVarint64();
    }

    static long fixed64(ProtobufReader reader, int tag) {
        reader.expectWireType(tag, WIRE_TYPE_FIXED64);
        return reader.readFixed64();
    }

    static int fixed32(ProtobufReader reader, int tag) {
        reader.expectWireType(tag, WIRE_TYPE_FIXED32);
        return reader.readFixed32();
    }

    static double float64(ProtobufReader reader, int tag) {
        reader.expectWireType(tag, WIRE_TYPE_FIXED64);
        return reader.readDouble();
    }
}
