package io.loupe.ingest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LevelNormalizerTest {

    @ParameterizedTest
    @CsvSource({"WARNING,warn", "warn,warn", "W,warn", "Err,error", "E,error", "SEVERE,error", "information,info",
            "notice,info", "DEBUG,debug", "finest,trace", "CRITICAL,fatal", "emerg,fatal", "' Info ',info", "custom,custom"})
    void wordsAreNormalised(String raw, String expected) {
        assertEquals(expected, LevelNormalizer.normalize(raw));
    }

    @ParameterizedTest
    @CsvSource({"0,fatal", "3,error", "4,warn", "6,info", "7,debug", "10,trace", "20,debug", "30,info", "40,warn", "50,error", "60,fatal"})
    void numbersAreSyslogSeveritiesOrBunyanLevels(long number, String expected) {
        assertEquals(expected, LevelNormalizer.fromNumber(number));
    }
}
