package io.loupe.ops.bench;

import io.loupe.index.api.LogKind;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One message shape of the generated events, e.g. {@code GET {path} {status} {duration}ms}. Each
 * {@code {placeholder}} is filled with a random value when rendered; {@code {status}},
 * {@code {duration}} and {@code {pid}} also become the numeric attributes {@code status},
 * {@code duration_ms} and {@code pid} of the event. Immutable and thread-safe.
 *
 * @param kind   the kind of event that carries this message
 * @param level  the level of those events
 * @param source the {@code source} of those events, or null for the event's service (application events)
 * @param weight how often this template is chosen relative to the others of its kind and level
 * @param text   the message with placeholders
 */
record MessageTemplate(LogKind kind, String level, String source, int weight, String text) {
    private static final List<String> PATH_RESOURCES = List.of("orders", "carts", "users", "products", "payments",
            "invoices", "sessions", "search", "shipments", "reviews");
    private static final List<String> PEERS = List.of("payments", "inventory", "pricing", "search", "shipping",
            "users", "recommendations");
    private static final List<String> JOBS = List.of("reindex-catalog", "expire-sessions", "send-digest",
            "rotate-keys", "compact-events", "refresh-prices");
    private static final List<String> EMAIL_TEMPLATES = List.of("order-confirmation", "password-reset",
            "weekly-digest", "shipping-update");
    private static final List<String> SYSTEM_USERS = List.of("deploy", "root", "admin", "ubuntu", "git", "postgres");
    private static final List<String> UNITS = List.of("nginx.service", "docker.service", "node-exporter.service",
            "logrotate.service", "apt-daily.service", "containerd.service");
    private static final List<String> PROCESSES = List.of("java", "postgres", "node", "python3", "nginx");
    private static final List<String> DEVICES = List.of("vda1", "vdb1", "nvme0n1p2");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Numbers a rendered message also reports as attributes; -1 when the message has none. */
    static final class Numbers {
        int status = -1;
        int durationMs = -1;
        int pid = -1;

        void clear() {
            status = -1;
            durationMs = -1;
            pid = -1;
        }
    }

    /**
     * Appends the message, JSON-escaped, to {@code out}.
     *
     * @param userId the event's user id, for {@code {user}}
     */
    void render(SplittableRandom random, String userId, StringBuilder out, Numbers numbers) {
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '{') {
                appendEscaped(out, c);
                i++;
                continue;
            }
            int close = text.indexOf('}', i);
            String placeholder = text.substring(i + 1, close);
            fill(placeholder, random, userId, out, numbers);
            i = close + 1;
        }
    }

    private void fill(String placeholder, SplittableRandom random, String userId, StringBuilder out, Numbers numbers) {
        switch (placeholder) {
            case "path" -> out.append("/api/v1/").append(pick(PATH_RESOURCES, random)).append('/').append(1 + random.nextInt(99_999));
            case "status" -> {
                numbers.status = status(random);
                out.append(numbers.status);
            }
            case "duration" -> {
                numbers.durationMs = durationMs(random);
                out.append(numbers.durationMs);
            }
            case "pid" -> {
                numbers.pid = 300 + random.nextInt(64_000);
                out.append(numbers.pid);
            }
            case "ip" -> out.append("10.").append(random.nextInt(256)).append('.').append(random.nextInt(256))
                    .append('.').append(1 + random.nextInt(254));
            case "port" -> out.append(1024 + random.nextInt(64_511));
            case "order" -> out.append("ord-").append(1_000_000 + random.nextInt(9_000_000));
            case "key" -> {
                out.append(random.nextBoolean() ? "session:" : "product:");
                for (int h = 0; h < 8; h++) {
                    out.append(HEX[random.nextInt(16)]);
                }
            }
            case "amount" -> out.append(1 + random.nextInt(900)).append('.').append(10 + random.nextInt(90));
            case "n" -> out.append(2 + random.nextInt(4));
            case "rows" -> out.append(random.nextInt(5_000));
            case "bytes" -> out.append(200 + random.nextInt(50_000));
            case "peer" -> out.append(pick(PEERS, random));
            case "job" -> out.append(pick(JOBS, random));
            case "template" -> out.append(pick(EMAIL_TEMPLATES, random));
            case "user" -> out.append(userId);
            case "sysuser" -> out.append(pick(SYSTEM_USERS, random));
            case "unit" -> out.append(pick(UNITS, random));
            case "proc" -> out.append(pick(PROCESSES, random));
            case "device" -> out.append(pick(DEVICES, random));
            default -> throw new IllegalStateException("template '" + text + "' has an unknown placeholder {" + placeholder + "}");
        }
    }

    private int status(SplittableRandom random) {
        return switch (level) {
            case "error" -> new int[] {500, 502, 503}[random.nextInt(3)];
            case "warn" -> new int[] {200, 404, 429}[random.nextInt(3)];
            default -> {
                int draw = random.nextInt(100);
                yield draw < 80 ? 200 : draw < 90 ? 201 : draw < 95 ? 204 : 304;
            }
        };
    }

    private int durationMs(SplittableRandom random) {
        double exponential = -Math.log(1.0 - random.nextDouble());
        return switch (level) {
            case "error" -> 30 + (int) (exponential * 3_000);
            case "warn" -> 800 + (int) (exponential * 1_500);
            default -> 1 + (int) (exponential * 40);
        };
    }

    private static String pick(List<String> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }

    static void appendEscaped(StringBuilder out, char c) {
        if (c == '"' || c == '\\') {
            out.append('\\');
        }
        out.append(c);
    }
}
