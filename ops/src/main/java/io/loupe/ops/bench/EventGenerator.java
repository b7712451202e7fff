package io.loupe.ops.bench;

import io.loupe.index.api.LogKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Deterministic, realistic log events as NDJSON lines, shaped like the data of the bare-Lucene
 * reference measurement ({@code reference/lucene-ceiling.md}): about 265 bytes per event; kinds
 * application 70%, system 20%, audit 10%; levels info 84%, warn 12%, error 4%; 50 hosts and 20
 * services (Zipf-ish); on application events a {@code user_id} out of 100k ids (Zipf, s=0.9), a
 * 32-hex {@code trace_id} and a 12-character {@code request_id}; messages from
 * {@link MessageTemplates} with the numeric attributes {@code status}, {@code duration_ms} and
 * {@code pid} where the message has them; system events with the daemon as {@code source}; audit
 * events ({@code source} audit) with actor, action, resource, outcome and source_ip. Application
 * events have no {@code source}: their service names the stream.
 *
 * <p>Timestamps (RFC 3339, milliseconds, UTC) rise through the {@link #SPAN} that ends at
 * {@code end}, so the events look like the last 24 hours of a live system.
 *
 * <p><b>Invariant:</b> the same seed, event count and end give the same bytes. Not thread-safe.
 */
public final class EventGenerator {
    public static final Duration SPAN = Duration.ofHours(24);
    public static final int USER_COUNT = 100_000;

    private static final List<String> HOSTS = hosts();
    private static final List<String> SERVICES = List.of("checkout", "payments", "catalog", "search", "cart",
            "users", "auth", "orders", "inventory", "shipping", "notifications", "recommendations", "reviews",
            "pricing", "gateway", "billing", "accounts", "media", "analytics", "iam");
    private static final List<String> AUDIT_SERVICES = List.of("iam", "auth", "accounts", "billing", "gateway");
    private static final List<String> ACTIONS = List.of("user.login", "document.read", "user.logout",
            "settings.update", "api_key.create", "role.grant", "document.delete", "export.create");
    private static final List<String> RESOURCE_TYPES = List.of("project", "document", "account", "api_key", "report");
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static final ZipfDistribution USERS = new ZipfDistribution(USER_COUNT, 0.9);
    private static final ZipfDistribution HOST_RANKS = new ZipfDistribution(HOSTS.size(), 0.6);
    private static final ZipfDistribution SERVICE_RANKS = new ZipfDistribution(SERVICES.size(), 0.8);
    private static final ZipfDistribution ACTORS = new ZipfDistribution(300, 1.0);
    private static final ZipfDistribution ACTION_RANKS = new ZipfDistribution(ACTIONS.size(), 1.0);

    private final SplittableRandom random;
    private final long totalEvents;
    private final long startMillis;
    private final long spanMillis;
    private final Instant end;
    private final StringBuilder line = new StringBuilder(512);
    private final MessageTemplate.Numbers numbers = new MessageTemplate.Numbers();
    private final MessageTemplates.Choice[][] choices;
    private int[] drawnUsers = new int[1024];
    private final int[] eventsPerUser = new int[USER_COUNT];
    private int drawnCount;
    private long produced;
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedSecondText;

    /**
     * @param seed        the seed of every random choice
     * @param totalEvents how many events {@link #next} yields
     * @param end         the end of the time span (exclusive); events fall in {@code [end - SPAN, end)}
     */
    public EventGenerator(long seed, long totalEvents, Instant end) {
        if (totalEvents < 0) {
            throw new IllegalArgumentException("event count must not be negative, got " + totalEvents);
        }
        this.random = new SplittableRandom(seed);
        this.totalEvents = totalEvents;
        this.end = end;
        this.spanMillis = SPAN.toMillis();
        this.startMillis = end.toEpochMilli() - spanMillis;
        List<String> levels = List.of("info", "warn", "error");
        this.choices = new MessageTemplates.Choice[2][levels.size()];
        for (int l = 0; l < levels.size(); l++) {
            choices[0][l] = new MessageTemplates.Choice(LogKind.APPLICATION, levels.get(l));
            choices[1][l] = new MessageTemplates.Choice(LogKind.SYSTEM, levels.get(l));
        }
    }

    private static List<String> hosts() {
        String[][] roles = {{"web", "16"}, {"api", "14"}, {"worker", "10"}, {"db", "6"}, {"cache", "4"}};
        String[] names = new String[50];
        int i = 0;
        for (String[] role : roles) {
            for (int n = 1; n <= Integer.parseInt(role[1]); n++) {
                names[i++] = String.format("%s-%02d", role[0], n);
            }
        }
        return List.of(names);
    }

    /** The first instant of the span (inclusive). */
    public Instant start() {
        return Instant.ofEpochMilli(startMillis);
    }

    /** The end of the span (exclusive). */
    public Instant end() {
        return end;
    }

    public long totalEvents() {
        return totalEvents;
    }

    public boolean hasNext() {
        return produced < totalEvents;
    }

    /** The next event as one line of JSON, without the newline, in UTF-8. */
    public byte[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException("all " + totalEvents + " events were generated");
        }
        long timestamp = startMillis + (long) ((produced + random.nextDouble()) * spanMillis / totalEvents);
        produced++;
        line.setLength(0);
        int kindDraw = random.nextInt(100);
        int levelDraw = random.nextInt(100);
        int level = levelDraw < 84 ? 0 : levelDraw < 96 ? 1 : 2;
        if (kindDraw < 70) {
            application(timestamp, level);
        } else if (kindDraw < 90) {
            system(timestamp, level);
        } else {
            audit(timestamp, level);
        }
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The user id of every application event generated so far, in order: a sample of user ids
     * weighted by how many events each has, for realistic lookups. A live view.
     */
    public List<String> drawnUserIds() {
        return new AbstractList<>() {
            @Override
            public String get(int index) {
                if (index < 0 || index >= drawnCount) {
                    throw new IndexOutOfBoundsException(index);
                }
                return userId(drawnUsers[index]);
            }

            @Override
            public int size() {
                return drawnCount;
            }
        };
    }

    /** How many of the events generated so far carry this user id (0 for an id the generator never makes). */
    public long eventsOfUser(String userId) {
        if (!userId.matches("u-\\d{6}")) {
            return 0;
        }
        int user = Integer.parseInt(userId.substring(2));
        return user < USER_COUNT ? eventsPerUser[user] : 0;
    }

    /** The names of the hosts events come from, in rank order (the first is the busiest). */
    public static List<String> hostNames() {
        return HOSTS;
    }

    /** The services of the events, in rank order (the first is the busiest). */
    public static List<String> serviceNames() {
        return SERVICES;
    }

    /** The wire form of user number {@code user}: {@code u-004211}. */
    static String userId(int user) {
        String digits = Integer.toString(user);
        return "u-" + "000000".substring(digits.length()) + digits;
    }

    private void application(long timestamp, int level) {
        int user = (int) ((USERS.sample(random) * 7_919L + 12_345) % USER_COUNT);
        if (drawnCount == drawnUsers.length) {
            drawnUsers = Arrays.copyOf(drawnUsers, drawnUsers.length * 2);
        }
        drawnUsers[drawnCount++] = user;
        eventsPerUser[user]++;
        String userId = userId(user);
        String service = SERVICES.get(SERVICE_RANKS.sample(random));
        common(timestamp, LogKind.APPLICATION, level, HOSTS.get(HOST_RANKS.sample(random)), service);
        MessageTemplate template = choices[0][level].pick(random);
        message(template, userId);
        field("user_id", userId);
        line.append(",\"trace_id\":\"");
        for (int i = 0; i < 32; i++) {
            line.append(HEX[random.nextInt(16)]);
        }
        line.append('"');
        requestId();
        numbers();
        line.append('}');
    }

    private void system(long timestamp, int level) {
        int host = HOST_RANKS.sample(random);
        common(timestamp, LogKind.SYSTEM, level, HOSTS.get(host), SERVICES.get(host % SERVICES.size()));
        MessageTemplate template = choices[1][level].pick(random);
        field("source", template.source());
        message(template, null);
        numbers();
        line.append('}');
    }

    private void audit(long timestamp, int level) {
        common(timestamp, LogKind.AUDIT, level, HOSTS.get(HOST_RANKS.sample(random)),
                AUDIT_SERVICES.get(random.nextInt(AUDIT_SERVICES.size())));
        String actor = "emp-" + (1000 + ACTORS.sample(random));
        String action = ACTIONS.get(ACTION_RANKS.sample(random));
        String resource = RESOURCE_TYPES.get(random.nextInt(RESOURCE_TYPES.size())) + "/" + (1 + random.nextInt(20_000));
        String outcome = level == 0 ? "success" : level == 1 ? "denied" : "failure";
        field("source", "audit");
        field("message", actor + " " + action + " " + resource + ": " + outcome);
        field("actor", actor);
        field("action", action);
        field("resource", resource);
        field("outcome", outcome);
        field("source_ip", "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254)));
        line.append('}');
    }

    private void common(long timestamp, LogKind kind, int level, String host, String service) {
        line.append("{\"timestamp\":\"");
        appendTimestamp(timestamp);
        line.append('"');
        field("kind", kind.wireName());
        field("level", level == 0 ? "info" : level == 1 ? "warn" : "error");
        field("host", host);
        field("service", service);
    }

    private void message(MessageTemplate template, String userId) {
        numbers.clear();
        line.append(",\"message\":\"");
        template.render(random, userId, line, numbers);
        line.append('"');
    }

    private void numbers() {
        if (numbers.status >= 0) {
            line.append(",\"status\":").append(numbers.status);
        }
        if (numbers.durationMs >= 0) {
            line.append(",\"duration_ms\":").append(numbers.durationMs);
        }
        if (numbers.pid >= 0) {
            line.append(",\"pid\":").append(numbers.pid);
        }
    }

    private void requestId() {
        line.append(",\"request_id\":\"");
        for (int i = 0; i < 12; i++) {
            line.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        line.append('"');
    }

    /** A string field, JSON-escaped. */
    private void field(String name, String value) {
        line.append(",\"").append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            MessageTemplate.appendEscaped(line, value.charAt(i));
        }
        line.append('"');
    }

    private void appendTimestamp(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        if (second != cachedSecond) {
            cachedSecond = second;
            cachedSecondText = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC).toString();
            if (cachedSecondText.length() == 16) {
                cachedSecondText += ":00";
            }
        }
        int millis = (int) Math.floorMod(epochMillis, 1000);
        line.append(cachedSecondText).append('.');
        if (millis < 100) {
            line.append('0');
        }
        if (millis < 10) {
            line.append('0');
        }
        line.append(millis).append('Z');
    }
}
