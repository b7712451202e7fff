package io.loupe.ingest.remotewrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.MetricSample;
import io.loupe.ingest.parse.MetricLimits;
import io.loupe.ingest.parse.ParsedSamples;
import java.util.ArrayList;
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

/** Random WriteRequests round-trip bit-exact; garbage and mutated bodies end only in LoupeException. */
class RemoteWriteDecoderPropertiesTest {
    private static final RemoteWriteDecoder DECODER = new RemoteWriteDecoder(MetricLimits.defaults());
    private static final int MAX_BODY = 1 << 20;

    record Sample(long timestamp, long valueBits) {
    }

    record Series(String name, Map<String, String> labels, List<Sample> samples) {
    }

    @Property(tries = 200)
    void everySampleRoundTripsBitExact(@ForAll("requests") List<Series> request) {
        WriteRequestBuilder builder = new WriteRequestBuilder();
        List<long[]> expected = new ArrayList<>();
        for (Series series : request) {
            List<String> namesAndValues = new ArrayList<>(List.of("__name__", series.name));
            series.labels.forEach((name, value) -> {
                namesAndValues.add(name);
                namesAndValues.add(value);
            });
            WriteRequestBuilder.Series written = builder.series(namesAndValues.toArray(String[]::new));
            for (Sample sample : series.samples) {
                written.sample(sample.timestamp, Double.longBitsToDouble(sample.valueBits));
                expected.add(new long[] {sample.timestamp, sample.valueBits});
            }
            written.end();
        }
        ParsedSamples parsed = DECODER.decode(builder.snappy(), MAX_BODY);
        assertEquals(0, parsed.rejected());
        assertEquals(expected.size(), parsed.accepted().size());
        int i = 0;
        for (Series series : request) {
            for (int s = 0; s < series.samples.size(); s++, i++) {
                MetricSample sample = parsed.accepted().get(i);
                assertEquals(series.name, sample.series().name());
                series.labels.forEach((name, value) -> assertEquals(value.isEmpty() ? null : value, sample.series().labels().get(name)));
                assertEquals(expected.get(i)[0], sample.timestampMillis());
                assertEquals(expected.get(i)[1], Double.doubleToRawLongBits(sample.value()));
            }
        }
    }

    @Property(tries = 1000)
    void garbageEndsOnlyInLoupeException(@ForAll @Size(max = 300) byte[] body) {
        decodeOrRefuse(body);
        decodeOrRefuse(RemoteWriteDecoderTest.snappy(body));
    }

    @Property(tries = 1000)
    void mutatedRequestsEndOnlyInLoupeException(@ForAll("requests") List<Series> request,
                                                @ForAll @Size(min = 1, max = 3) List<@IntRange(min = 0, max = 100_000) Integer> positions,
                                                @ForAll byte flip) {
        WriteRequestBuilder builder = new WriteRequestBuilder();
        for (Series series : request) {
            WriteRequestBuilder.Series written = builder.series("__name__", series.name, "job", "node");
            series.samples.forEach(sample -> written.sample(sample.timestamp, Double.longBitsToDouble(sample.valueBits)));
            written.end();
        }
        byte[] protobuf = builder.protobuf();
        if (protobuf.length == 0) {
            return;
        }
        for (int position : positions) {
            protobuf[position % protobuf.length] ^= (byte) (flip | 1);
        }
        decodeOrRefuse(RemoteWriteDecoderTest.snappy(protobuf));
        byte[] compressed = builder.snappy();
        compressed[positions.get(0) % compressed.length] ^= (byte) (flip | 1);
        decodeOrRefuse(compressed);
    }

    private static void decodeOrRefuse(byte[] body) {
        try {
            ParsedSamples parsed = DECODER.decode(body, MAX_BODY);
            assertNotNull(parsed.accepted());
            assertTrue(parsed.errors().size() <= ParsedSamples.MAX_LISTED_ERRORS);
            assertTrue(parsed.rejected() >= parsed.errors().size());
        } catch (LoupeException refused) {
            assertTrue(Set.of(ErrorCode.INVALID_SAMPLE, ErrorCode.BODY_TOO_LARGE, ErrorCode.TOO_MANY_EVENTS).contains(refused.code()),
                    refused.getMessage());
        }
    }

    @Provide
    Arbitrary<List<Series>> requests() {
        Arbitrary<String> names = Arbitraries.strings().withCharRange('a', 'z').withChars('_', ':', '.').ofMinLength(1).ofMaxLength(30);
        Arbitrary<String> values = Arbitraries.strings().ofMaxLength(30)
                .filter(text -> text.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE));
        Arbitrary<Map<String, String>> labels = Arbitraries.maps(names.filter(name -> !name.equals("__name__")), values).ofMaxSize(8)
                .map(LinkedHashMap::new);
        Arbitrary<Sample> sample = Combinators.combine(Arbitraries.longs(),
                Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.of(0x7ff0000000000002L, 0x7ff8000000000000L,
                        Double.doubleToRawLongBits(-0.0)))).as(Sample::new);
        return Combinators.combine(names, labels, sample.list().ofMinSize(1).ofMaxSize(5)).as(Series::new).list().ofMaxSize(10);
    }
}
