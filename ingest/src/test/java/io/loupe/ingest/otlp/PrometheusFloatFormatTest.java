package io.loupe.ingest.otlp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrometheusFloatFormatTest {
    /** Expected values are what Go's strconv.FormatFloat(v, 'g', -1, 64) prints (with +Inf/-Inf as Prometheus writes them). */
    @ParameterizedTest
    @CsvSource({
            "0.005, 0.005", "0.5, 0.5", "1, 1", "2.5, 2.5", "10, 10", "100000, 100000", "123456.7, 123456.7",
            "1000000, 1e+06", "1234567, 1.234567e+06", "0.0001, 0.0001", "0.00001, 1e-05", "1.5e-7, 1.5e-07",
            "1e21, 1e+21", "1e100, 1e+100", "-2.5, -2.5", "0, 0", "-0.0, -0", "0.30000000000000004, 0.30000000000000004",
            "1.7976931348623157e308, 1.7976931348623157e+308", "4.9e-324, 5e-324", "0.99, 0.99", "250, 250",
            "NaN, NaN", "Infinity, +Inf", "-Infinity, -Inf"})
    void formatsAsGoDoes(String input, String expected) {
        assertEquals(expected, PrometheusFloatFormat.format(Double.parseDouble(input)));
    }

    @Property(tries = 1000)
    void readsBackAsTheSameDouble(@ForAll double value) {
        String text = PrometheusFloatFormat.format(value);
        double back = Double.isNaN(value) ? Double.NaN
                : text.equals("+Inf") ? Double.POSITIVE_INFINITY : text.equals("-Inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(text);
        assertEquals(Double.doubleToLongBits(value), Double.doubleToLongBits(back), text);
    }
}
