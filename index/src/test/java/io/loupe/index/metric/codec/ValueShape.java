package io.loupe.index.metric.codec;

import io.loupe.index.api.StaleMarker;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Random;

/** Kinds of value columns seen in practice and at the edges of the double range, generated from a seed. */
enum ValueShape {
    CONSTANT {
        @Override
        double[] generate(Random random, int count) {
            double value = random.nextBoolean() ? SPECIAL_VALUES[random.nextInt(SPECIAL_VALUES.length)] : random.nextInt(1000);
            double[] values = new double[count];
            Arrays.fill(values, value);
            return values;
        }
    },
    STEADY_COUNTER {
        @Override
        double[] generate(Random random, int count) {
            double[] values = new double[count];
            long start = random.nextInt(1_000_000);
            long rate = random.nextInt(5000);
            for (int i = 0; i < count; i++) {
                values[i] = start + rate * i;
            }
            return values;
        }
    },
    COUNTER_WITH_RESETS {
        @Override
        double[] generate(Random random, int count) {
            double[] values = new double[count];
            long value = random.nextInt(1 << 20);
            for (int i = 0; i < count; i++) {
                value = random.nextInt(50) == 0 ? random.nextInt(100) : value + random.nextInt(10_000);
                values[i] = value;
            }
            return values;
        }
    },
    BYTE_COUNTER_IN_PAGES {
        @Override
        double[] generate(Random random, int count) {
            double[] values = new double[count];
            long pages = random.nextInt(1 << 24);
            for (int i = 0; i < count; i++) {
                pages += random.nextInt(200) - 100;
                values[i] = pages * 4096.0;
            }
            return values;
        }
    },
    INTEGER_GAUGE {
        @Override
        double[] generate(Random random, int count) {
            double[] values = new double[count];
            long value = random.nextLong() >> random.nextInt(64);
            for (int i = 0; i < count; i++) {
                value += random.nextInt(21) - 10;
                values[i] = value;
            }
            return values;
        }
    },
    DECIMAL_GAUGE {
        @Override
        double[] generate(Random random, int count) {
            int digits = 1 + random.nextInt(6);
            double[] values = new double[count];
            long scaled = random.nextInt(2_000_000) - 1_000_000;
            for (int i = 0; i < count; i++) {
                scaled += random.nextInt(2001) - 1000;
                values[i] = parsed(scaled, digits);
            }
            return values;
        }
    },
    DECIMAL_COUNTER {
        @Override
        double[] generate(Random random, int count) {
            int digits = 1 + random.nextInt(6);
            double[] values = new double[count];
            long scaled = random.nextInt(1 << 30);
            for (int i = 0; i < count; i++) {
                scaled += 100 * (long) Math.pow(10, digits - 1) + random.nextInt(11) - 5;
                values[i] = parsed(scaled, digits);
            }
            return values;
        }
    },
    MICROSECONDS_TIMES_ONE_MILLIONTH {
        @Override
        double[] generate(Random random, int count) {
            double[] values = new double[count];
            long micros = random.nextInt(1 << 30);
            for (int i = 0; i < count; i++) {
                micros += random.nextInt(100_000);
                values[i] = micros / 1000.0 / 1000.0;
            }
            return values;
        }
    },
    RANDOM_BITS {
        @Override
        double[] generate(Random random, int count) {
            double[] values = new double[count];
            for (int i = 0; i < count; i++) {
                values[i] = Double.longBitsToDouble(random.nextLong());
            }
            return values;
        }
    },
    RANDOM_FRACTIONS {
        @Override
        double[] generate(Random random, int count) {
            double[] values = new double[count];
            for (int i = 0; i < count; i++) {
                values[i] = random.nextDouble() * Math.pow(10, random.nextInt(20) - 10);
            }
            return values;
        }
    },
    SPECIALS {
        @Override
        double[] generate(Random random, int count) {
            double[] values = new double[count];
            for (int i = 0; i < count; i++) {
                values[i] = SPECIAL_VALUES[random.nextInt(SPECIAL_VALUES.length)];
            }
            return values;
        }
    },
    DECIMAL_GAUGE_WITH_SPECIALS {
        @Override
        double[] generate(Random random, int count) {
            double[] values = DECIMAL_GAUGE.generate(random, count);
            for (int i = 0; i < count; i++) {
                if (random.nextInt(12) == 0) {
                    values[i] = SPECIAL_VALUES[random.nextInt(SPECIAL_VALUES.length)];
                }
            }
            return values;
        }
    },
    COUNTER_ENDING_STALE {
        @Override
        double[] generate(Random random, int count) {
            double[] values = COUNTER_WITH_RESETS.generate(random, count);
            for (int i = Math.max(1, count - 1 - random.nextInt(3)); i < count; i++) {
                values[i] = StaleMarker.VALUE;
            }
            return values;
        }
    },
    EXTREME_MAGNITUDES {
        @Override
        double[] generate(Random random, int count) {
            double[] values = new double[count];
            for (int i = 0; i < count; i++) {
                double mantissa = 1 + random.nextInt(1000);
                values[i] = switch (random.nextInt(6)) {
                    case 0 -> Math.scalb(mantissa, 1000 + random.nextInt(14));
                    case 1 -> Math.scalb(mantissa, -1060 - random.nextInt(10));
                    case 2 -> (double) (Long.MAX_VALUE - random.nextInt(1 << 12));
                    case 3 -> -(double) (1L << 53) - random.nextInt(3);
                    case 4 -> (1L << 53) + random.nextInt(5);
                    default -> mantissa * 1e-15;
                };
            }
            return values;
        }
    };

    static final double[] SPECIAL_VALUES = {
            StaleMarker.VALUE, Double.NaN, Double.longBitsToDouble(0x7ff8000000000001L), Double.longBitsToDouble(0xfff0000000abcdefL),
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.MIN_VALUE, -Double.MIN_VALUE,
            Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL), Double.MAX_VALUE, -Double.MAX_VALUE, 1e300, 1e-300, 0.1 + 0.2,
            1.0, -1.0, 0.5, (double) Long.MAX_VALUE, (double) Long.MIN_VALUE, 9007199254740993.0, 123.456};

    abstract double[] generate(Random random, int count);

    /** The double a text exposition "m / 10^digits" written in decimal parses to. */
    private static double parsed(long scaled, int digits) {
        return Double.parseDouble(BigDecimal.valueOf(scaled, digits).toPlainString());
    }
}
