package io.loupe.ops.it;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The events {@link PipeSearchIT} sends, from a fixed seed, and the brute-force computations its
 * expected tables are made of. Application events (and one in twelve a system event, with neither
 * message, service, user nor numbers) over four hosts, three services, seven users and three levels; a
 * {@code duration_ms} that is mostly a whole number, sometimes a decimal ({@code x.5}), sometimes a
 * whole number sent as a string, sometimes absent; an {@code http.status} sometimes sent as a string.
 */
final class PipeDataSet {
    static final List<String> HOSTS = List.of("web-1", "web-2", "web-3", "db-1");
    private static final List<String> SERVICES = List.of("checkout", "search", "auth");
    private static final List<String> LEVELS = List.of("info", "info", "info", "warn", "error");

    private PipeDataSet() {
    }

    /**
     * One event as sent.
     *
     * @param duration a {@code Long}, a {@code Double}, a {@code String} holding a whole number, or null
     * @param status   a {@code Long}, a {@code String}, or null
     */
    record Sent(Instant time, String kind, String host, String service, String level, String user, Object duration, Object status) {
        /** duration_ms as the index holds it as a number: strings are text to the index. */
        Double number() {
            return duration instanceof Number n ? n.doubleValue() : null;
        }

        /** duration_ms as a row of events shows it after head: a string that reads as a number compares as one. */
        Double rowNumber() {
            return duration == null ? null : Double.valueOf(duration.toString());
        }

        String durationText() {
            return duration == null ? null : duration.toString();
        }

        String statusText() {
            return status == null ? null : status.toString();
        }

        String json() {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("timestamp", time.toString());
            event.put("kind", kind);
            put(event, "host", host);
            put(event, "service", service);
            event.put("level", level);
            put(event, "user_id", user);
            if (kind.equals("application")) { // system events come without a message: '*' must still match them
                event.put("message", level.equals("error") ? "request failed" : "request served");
            }
            put(event, "duration_ms", duration);
            if (status != null) {
                event.put("http", Map.of("status", status));
            }
            return LoupeApi.event(event.entrySet().stream().flatMap(e -> Stream.of(e.getKey(), e.getValue())).toArray());
        }

        private static void put(Map<String, Object> event, String name, Object value) {
            if (value != null) {
                event.put(name, value);
            }
        }
    }

    /**
     * One event every 3 seconds over the ten minutes from {@code t0}, none in minute {@code emptyMinute};
     * each at a fraction of its second down to the nanosecond, which epoch nanos in a double (256 ns
     * apart at today's times) would round.
     */
    static List<Sent> generate(Instant t0, int emptyMinute) {
        Random random = new Random(20261206);
        List<Sent> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Instant time = t0.plusSeconds(3L * i).plusNanos((1 + i * 104_729_017L) % 1_000_000_000L);
            if (Duration.between(t0, time).toMinutes() == emptyMinute) {
                continue;
            }
            events.add(event(random, time));
        }
        return events;
    }

    private static Sent event(Random random, Instant time) {
        String host = HOSTS.get(random.nextInt(HOSTS.size()));
        String level = LEVELS.get(random.nextInt(LEVELS.size()));
        if (random.nextInt(12) == 0) {
            return new Sent(time, "system", host, null, level, null, null, null);
        }
        String service = SERVICES.get(random.nextInt(SERVICES.size()));
        String user = random.nextInt(10) == 0 ? null : "u-" + (1 + random.nextInt(7));
        long millis = 5 + random.nextInt(2000);
        Object duration = switch (random.nextInt(20)) {
            case 0, 1 -> millis + 0.5;
            case 2, 3 -> Long.toString(millis);
            case 4 -> null;
            default -> millis;
        };
        long code = level.equals("error") ? List.of(500L, 503L).get(random.nextInt(2)) : random.nextInt(6) == 0 ? 404L : 200L;
        Object status = random.nextInt(5) == 0 ? Long.toString(code) : code;
        return new Sent(time, "application", host, service, level, user, duration, status);
    }

    /** Groups events by keys (skipping events without a key), ordered as the server orders group keys: by text here. */
    static <K extends Comparable<K>> TreeMap<K, List<Sent>> groupBy(List<Sent> events, Function<Sent, K> key) {
        TreeMap<K, List<Sent>> groups = new TreeMap<>();
        for (Sent event : events) {
            K k = key.apply(event);
            if (k != null) {
                groups.computeIfAbsent(k, x -> new ArrayList<>()).add(event);
            }
        }
        return groups;
    }

    static double[] durations(List<Sent> events) {
        return events.stream().map(Sent::number).filter(Objects::nonNull).mapToDouble(Double::doubleValue).sorted().toArray();
    }

    /** The nearest-rank percentile: the smallest value with at least p% of the values at or below it. */
    static Double percentile(List<Sent> events, double p) {
        double[] sorted = durations(events);
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    static Double average(List<Sent> events) {
        double[] values = durations(events);
        return values.length == 0 ? null : Arrays.stream(values).sum() / values.length;
    }
}
