package io.loupe.ingest.otlp;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats a double as Prometheus's Go client writes {@code le} and {@code quantile} label values
 * ({@code strconv.FormatFloat(v, 'g', -1, 64)}, infinities as {@code +Inf}/{@code -Inf}): the
 * shortest digits that read back as the same double, plain notation for decimal exponents -4..5,
 * {@code d.ddde±XX} outside it. Examples: {@code 0.5}, {@code 1}, {@code 2.5}, {@code 100000},
 * {@code 1e+06}, {@code 0.0001}, {@code 1e-05}, {@code +Inf}, {@code NaN}. The shortest digits come from
 * {@link Double#toString(double)} (shortest round-trip since JDK 19, with a second digit only where one
 * would not do), so the result matches Go's.
 */
final class PrometheusFloatFormat {
    private PrometheusFloatFormat() {
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return Double.doubleToRawLongBits(value) == 0 ? "0" : "-0";
        }
        BigDecimal decimal = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
        if (decimal.precision() == 2) {
            // Double.toString never prints fewer than 2 digits where 1 would do (4.9E-324); Go prints 5e-324
            BigDecimal oneDigit = decimal.round(new MathContext(1, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(oneDigit.toString()) == Math.abs(value)) {
                decimal = oneDigit.stripTrailingZeros();
            }
        }
        String digits = decimal.unscaledValue().toString();
        int exponent = digits.length() - decimal.scale() - 1;
        StringBuilder text = new StringBuilder(24);
        if (value < 0) {
            text.append('-');
        }
        if (exponent < -4 || exponent >= 6) {
            text.append(digits.charAt(0));
            if (digits.length() > 1) {
                text.append('.').append(digits, 1, digits.length());
            }
            text.append('e').append(exponent < 0 ? '-' : '+');
            int magnitude = Math.abs(exponent);
            if (magnitude < 10) {
                text.append('0');
            }
            text.append(magnitude);
        } else if (exponent < 0) {
            text.append("0.");
            text.repeat('0', -exponent - 1);
            text.append(digits);
        } else if (digits.length() <= exponent + 1) {
            text.append(digits);
            text.repeat('0', exponent + 1 - digits.length());
        } else {
            text.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
        }
        return text.toString();
    }
}
