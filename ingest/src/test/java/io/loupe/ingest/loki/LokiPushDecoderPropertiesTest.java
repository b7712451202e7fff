package io.loupe.ingest.loki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogEvent;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.TimeRange;
import io.loupe.ingest.IngestConfig;
import io.loupe.ingest.parse.EventRules;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random valid pushes keep every entry, in order and alike in JSON and protobuf; label sets written
 * with Go's quoting parse back; garbage and mutated bodies end only in LoupeException.
 */
class LokiPushDecoderPropertiesTest {
    private static final long FROM = 1_790_000_000_000_000_000L;
    private static final long TO = 1_800_000_000_000_000_000L;
    private static final EventRules RULES = new EventRules(TO, new TimeRange(FROM, TO), 1000, LogKind.APPLICATION);
    private static final LokiPushDecoder DECODER = new LokiPushDecoder(IngestConfig.defaults());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<ErrorCode> REQUEST_ERRORS = Set.of(ErrorCode.INVALID_JSON, ErrorCode.INVALID_PARAMETER,
            ErrorCode.BODY_TOO_LARGE, ErrorCode.TOO_MANY_EVENTS);

    record Entry(long nanos, String line, Map<String, String> metadata) {
    }

    record Stream(Map<String, String> labels, List<Entry> entries) {
    }

    @Property(tries = 300)
    void everyEntryIsKeptInOrderAndBothEncodingsAgree(@ForAll("pushes") List<Stream> push) {
        LokiPushOutcome fromJson = DECODER.decode(json(push), LokiPushFormat.JSON, RULES);
        LokiPushOutcome fromProtobuf = DECODER.decode(protobuf(push).snappy(), LokiPushFormat.PROTOBUF, RULES);
        assertEquals(0, fromJson.rejected(), fromJson.errors().toString());
        assertEquals(0, fromProtobuf.rejected(), fromProtobuf.errors().toString());
        int i = 0;
        for (Stream stream : push) {
            for (Entry entry : stream.entries) {
                LogEvent event = fromJson.accepted().get(i);
                assertEquals(entry.nanos, event.timestampNanos());
                assertEquals(entry.line, event.message());
                assertEquals(Map.of("source", "loki"), event.fields());
                assertEquals(expectedAttributes(stream, entry), event.attributes());
                LogEvent twin = fromProtobuf.accepted().get(i);
                assertEquals(event.timestampNanos(), twin.timestampNanos());
                assertEquals(event.message(), twin.message());
                assertEquals(event.fields(), twin.fields());
                assertEquals(event.attributes(), twin.attributes());
                assertArrayEquals(event.original(), twin.original());
                i++;
            }
        }
        assertEquals(i, fromJson.accepted().size());
        assertEquals(i, fromProtobuf.accepted().size());
    }

    @Property(tries = 500)
    void labelSetsWrittenWithGoQuotingParseBack(@ForAll("labelSets") Map<String, String> labels) {
        assertEquals(labels, LokiLabelsParser.parse(goLabelSet(labels)));
    }

    @Property(tries = 1000)
    void garbageEndsOnlyInLoupeException(@ForAll @Size(max = 300) byte[] body) {
        decodeOrRefuse(body, LokiPushFormat.JSON);
        decodeOrRefuse(body, LokiPushFormat.PROTOBUF);
        decodeOrRefuse(LokiPushRequestBuilder.snappy(body), LokiPushFormat.PROTOBUF);
    }

    @Property(tries = 500)
    void mutatedPushesEndOnlyInLoupeException(@ForAll("pushes") List<Stream> push,
                                             @ForAll @Size(min = 1, max = 3) List<@IntRange(min = 0, max = 100_000) Integer> positions,
                                             @ForAll byte flip) {
        byte[] json = json(push);
        byte[] protobuf = protobuf(push).protobuf();
        byte[] compressed = LokiPushRequestBuilder.snappy(protobuf);
        for (int position : positions) {
            json[position % json.length] ^= (byte) (flip | 1);
            if (protobuf.length > 0) {
                protobuf[position % protobuf.length] ^= (byte) (flip | 1);
            }
        }
        compressed[positions.getFirst() % compressed.length] ^= (byte) (flip | 1);
        decodeOrRefuse(json, LokiPushFormat.JSON);
        decodeOrRefuse(LokiPushRequestBuilder.snappy(protobuf), LokiPushFormat.PROTOBUF);
        decodeOrRefuse(compressed, LokiPushFormat.PROTOBUF);
    }

    private static void decodeOrRefuse(byte[] body, LokiPushFormat format) {
        try {
            LokiPushOutcome outcome = DECODER.decode(body, format, RULES);
            assertNotNull(outcome.accepted());
            assertTrue(outcome.errors().size() <= LokiPushDecoder.MAX_LISTED_ERRORS);
            assertTrue(outcome.rejected() >= outcome.errors().size());
        } catch (LoupeException refused) {
            assertTrue(REQUEST_ERRORS.contains(refused.code()), refused.getMessage());
        }
    }

    private static Map<String, Object> expectedAttributes(Stream stream, Entry entry) {
        Map<String, Object> attributes = new HashMap<>();
        stream.labels.forEach((name, value) -> {
            if (!value.isEmpty()) {
                attributes.put("labels." + name, value);
            }
        });
        entry.metadata.forEach((name, value) -> {
            if (!value.isEmpty()) {
                attributes.put("metadata." + name, value);
            }
        });
        return attributes;
    }

    private static byte[] json(List<Stream> push) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode streams = body.putArray("streams");
        for (Stream stream : push) {
            ObjectNode node = streams.addObject();
            ObjectNode labels = node.putObject("stream");
            stream.labels.forEach(labels::put);
            ArrayNode values = node.putArray("values");
            for (Entry entry : stream.entries) {
                ArrayNode value = values.addArray().add(Long.toString(entry.nanos)).add(entry.line);
                if (!entry.metadata.isEmpty()) {
                    ObjectNode metadata = value.addObject();
                    entry.metadata.forEach(metadata::put);
                }
            }
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LokiPushRequestBuilder protobuf(List<Stream> push) {
        LokiPushRequestBuilder request = new LokiPushRequestBuilder();
        for (Stream stream : push) {
            LokiPushRequestBuilder.Stream written = request.stream(goLabelSet(stream.labels));
            for (Entry entry : stream.entries) {
                String[] metadata = entry.metadata.entrySet().stream()
                        .flatMap(pair -> java.util.stream.Stream.of(pair.getKey(), pair.getValue())).toArray(String[]::new);
                written.entry(Math.floorDiv(entry.nanos, 1_000_000_000L), (int) Math.floorMod(entry.nanos, 1_000_000_000L),
                        entry.line, metadata);
            }
            written.end();
        }
        return request;
    }

    /** A label set as Prometheus's {@code labels.String()} writes it, with Go's {@code strconv.Quote} escapes. */
    private static String goLabelSet(Map<String, String> labels) {
        StringBuilder text = new StringBuilder("{");
        labels.forEach((name, value) -> {
            if (text.length() > 1) {
                text.append(", ");
            }
            text.append(name).append("=\"");
            value.codePoints().forEach(c -> {
                switch (c) {
                    case '\\' -> text.append("\\\\");
                    case '"' -> text.append("\\\"");
                    case '\n' -> text.append("\\n");
                    case '\t' -> text.append("\\t");
                    default -> {
                        if (c < 0x20 || c == 0x7f) {
                            text.append(String.format("\\x%02x", c));
                        } else if (Character.getType(c) == Character.FORMAT || Character.getType(c) == Character.UNASSIGNED) {
                            text.append(c < 0x10000 ? String.format("\\u%04x", c) : String.format("\\U%08x", c));
                        } else {
                            text.appendCodePoint(c);
                        }
                    }
                }
            });
            text.append('"');
        });
        return text.append('}').toString();
    }

    @Provide
    Arbitrary<Map<String, String>> labelSets() {
        return Arbitraries.maps(names("lb_"), text()).ofMaxSize(6).map(LinkedHashMap::new);
    }

    @Provide
    Arbitrary<List<Stream>> pushes() {
        Arbitrary<Map<String, String>> metadata = Arbitraries.maps(names("md_"), text()).ofMaxSize(3).map(LinkedHashMap::new);
        Arbitrary<Entry> entry = Combinators.combine(Arbitraries.longs().between(FROM, TO - 1), text(), metadata).as(Entry::new);
        return Combinators.combine(labelSets(), entry.list().ofMinSize(1).ofMaxSize(5)).as(Stream::new).list().ofMinSize(1).ofMaxSize(5);
    }

    /** Label names that are no keyword, alias or {@code kind}: a prefix, then [a-z0-9_]. */
    private static Arbitrary<String> names(String prefix) {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('_').ofMaxLength(8)
                .map(rest -> prefix + rest);
    }

    /** Any Unicode text without lone surrogates (protobuf strings must be valid UTF-8). */
    private static Arbitrary<String> text() {
        Arbitrary<Integer> codePoint = Arbitraries.oneOf(Arbitraries.integers().between(0, 0x7f),
                Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                        .filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE));
        return codePoint.list().ofMaxSize(20).map(points -> {
            StringBuilder text = new StringBuilder();
            points.forEach(text::appendCodePoint);
            return text.toString();
        });
    }
}
