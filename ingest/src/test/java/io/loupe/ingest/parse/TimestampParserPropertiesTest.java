package io.loupe.ingest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.loupe.index.api.EpochNanos;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

/** The hand-written RFC 3339 path agrees with java.time on every instant, fraction and offset. */
class TimestampParserPropertiesTest {

    @Property(tries = 1000)
    void commonFormAgreesWithJavaTime(@ForAll @LongRange(min = 0, max = 7_258_118_400L) long epochSecond,
                                      @ForAll @IntRange(min = 0, max = 999_999_999) int nano,
                                      @ForAll @IntRange(min = 0, max = 9) int fractionDigits,
                                      @ForAll @IntRange(min = -18 * 60, max = 18 * 60) int offsetMinutes) {
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
        OffsetDateTime time = Instant.ofEpochSecond(epochSecond, nano).atOffset(offset);
        String pattern = "yyyy-MM-dd'T'HH:mm:ss" + (fractionDigits == 0 ? "" : "." + "S".repeat(fractionDigits)) + "XXX";
        String text = time.format(DateTimeFormatter.ofPattern(pattern));
        long expected = EpochNanos.of(OffsetDateTime.parse(text).toInstant());
        assertEquals(expected, TimestampParser.parseCommonForm(text), text);
        assertEquals(expected, TimestampParser.parseText(text), text);
    }

    @Property(tries = 1000)
    void anythingElseIsLeftToTheFullParser(@ForAll @StringLength(min = 18, max = 40) String text) {
        long fast = TimestampParser.parseCommonForm(text);
        if (fast == TimestampParser.NOT_COMMON_FORM) {
            return;
        }
        try {
            assertEquals(EpochNanos.of(OffsetDateTime.parse(text.replace(' ', 'T')).toInstant()), fast, text);
        } catch (DateTimeParseException e) {
            throw new AssertionError("the fast path accepted '" + text + "' that java.time refuses", e);
        }
    }

    @Property(tries = 300)
    void impossibleDatesAreNotAccepted(@ForAll @IntRange(min = 1, max = 12) int month, @ForAll @IntRange(min = 29, max = 31) int day) {
        String text = String.format("2026-%02d-%02dT10:00:00Z", month, day);
        long fast = TimestampParser.parseCommonForm(text);
        boolean valid = day <= java.time.YearMonth.of(2026, month).lengthOfMonth();
        assertEquals(valid, fast != TimestampParser.NOT_COMMON_FORM, text);
    }
}
