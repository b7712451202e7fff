package io.loupe.ingest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextLinesTest {

    /** Each line as "number:content|blank?|first non-blank offset from its start". */
    private static List<String> lines(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        TextLines lines = new TextLines(bytes);
        List<String> seen = new ArrayList<>();
        while (lines.next()) {
            seen.add(lines.number() + ":" + new String(bytes, lines.start(), lines.length(), StandardCharsets.UTF_8)
                    + "|" + lines.isBlank() + "|" + (lines.firstNonBlank() - lines.start()));
        }
        return seen;
    }

    @Test
    void splitsOnNewlinesDroppingTheCarriageReturnBeforeThem() {
        assertEquals(List.of("1:a|false|0", "2:b|false|0", "3:c\rd|false|0"), lines("a\r\nb\nc\rd"));
    }

    @Test
    void numbersBlankLinesTooButAddsNoneAfterAFinalNewline() {
        assertEquals(List.of("1:|true|0", "2: \t|true|2", "3:\tx |false|1"), lines("\n \t\n\tx \n"));
        assertEquals(List.of(), lines(""));
    }

    @Test
    void countsEveryLineOnceTheBodyIsRead() {
        TextLines lines = new TextLines("a\n\nb\n".getBytes(StandardCharsets.UTF_8));
        while (lines.next()) {
            assertEquals(lines.number() == 2, lines.isBlank());
        }
        assertEquals(3, lines.number());
    }
}
