package io.loupe.ingest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loupe.index.api.LogKind;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.TimeRange;
import io.loupe.ingest.IngestConfig;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** The parser fed arbitrary bytes never throws anything but a request-level error, and counts every event. */
class NativeLogParserGarbageTest {
    private static final NativeLogParser PARSER = new NativeLogParser(IngestConfig.defaults());
    private static final TimeRange ANY_TIME = new TimeRange(0, Long.MAX_VALUE);

    @Property(tries = 300)
    void garbageIsRejectedLineByLine(@ForAll @Size(max = 400) byte[] body) {
        try {
            ParsedBatch batch = PARSER.parse(body, new EventRules(1L, ANY_TIME, 1000, LogKind.SYSTEM));
            assertEquals(Math.min(batch.rejected(), NativeLogParser.MAX_LISTED_ERRORS), batch.errors().size());
        } catch (LoupeException requestLevel) {
            // a body starting with '[' that is not a valid array is refused as a whole, by design
            assertEquals(true, new String(body, java.nio.charset.StandardCharsets.ISO_8859_1).trim().startsWith("["));
        }
    }

    @Property(tries = 200)
    void everyNonBlankLineIsEitherAcceptedOrRejected(@ForAll @Size(max = 30) java.util.List<@net.jqwik.api.constraints.AlphaChars String> words) {
        StringBuilder body = new StringBuilder();
        int nonBlank = 0;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (i % 3 == 0) {
                body.append("{\"message\":\"").append(word).append("\"}\n");
                nonBlank++;
            } else {
                body.append(word).append('\n');
                if (!word.isBlank()) {
                    nonBlank++;
                }
            }
        }
        ParsedBatch batch = PARSER.parse(body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), new EventRules(1L, ANY_TIME, 1000, LogKind.SYSTEM));
        assertEquals(nonBlank, batch.accepted().size() + batch.rejected());
    }
}
