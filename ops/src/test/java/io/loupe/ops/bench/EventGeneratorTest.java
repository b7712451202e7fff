package io.loupe.ops.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventGeneratorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant END = Instant.parse("2026-11-22T12:00:00Z");
    private static final int EVENTS = 20_000;

    private static List<byte[]> generate(long seed, int events) {
        EventGenerator generator = new EventGenerator(seed, events, END);
        List<byte[]> lines = new ArrayList<>();
        while (generator.hasNext()) {
            lines.add(generator.next());
        }
        return lines;
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOtherBytes() {
        List<byte[]> first = generate(7, 2_000);
        List<byte[]> again = generate(7, 2_000);
        List<byte[]> other = generate(8, 2_000);
        assertEquals(2_000, first.size());
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i), again.get(i), "line " + i);
        }
        assertFalse(Arrays.equals(first.get(0), other.get(0)), "seeds 7 and 8 gave the same first event");
    }

    @Test
    void kindsLevelsSizesAndCardinalitiesMatchTheReferenceData() throws IOException {
        Map<String, Integer> kinds = new HashMap<>();
        Map<String, Integer> levels = new HashMap<>();
        Set<String> hosts = new HashSet<>();
        Set<String> services = new HashSet<>();
        long bytes = 0;
        for (byte[] line : generate(42, EVENTS)) {
            JsonNode event = JSON.readTree(line);
            kinds.merge(event.path("kind").asText(), 1, Integer::sum);
            levels.merge(event.path("level").asText(), 1, Integer::sum);
            hosts.add(event.path("host").asText());
            services.add(event.path("service").asText());
            bytes += line.length + 1;
        }
        assertShare(0.70, kinds.get("application"), "application");
        assertShare(0.20, kinds.get("system"), "system");
        assertShare(0.10, kinds.get("audit"), "audit");
        assertShare(0.84, levels.get("info"), "info");
        assertShare(0.12, levels.get("warn"), "warn");
        assertShare(0.04, levels.get("error"), "error");
        assertEquals(3, levels.size(), "levels " + levels);
        double average = (double) bytes / EVENTS;
        assertTrue(average > 250 && average < 290, "average event is " + average + " bytes, the reference data has about 265");
        assertTrue(hosts.size() > 40 && hosts.size() <= 50, hosts.size() + " hosts");
        assertEquals(20, services.size(), "services " + services);
    }

    private static void assertShare(double expected, Integer count, String what) {
        double share = count == null ? 0 : (double) count / EVENTS;
        assertEquals(expected, share, 0.015, what + " is " + share + " of the events");
    }

    @Test
    void everyLineIsAJsonObjectWithTheFieldsOfItsKindInsideTheSpan() throws IOException {
        EventGenerator generator = new EventGenerator(3, EVENTS, END);
        List<String> userIdsOnEvents = new ArrayList<>();
        Instant previous = generator.start();
        while (generator.hasNext()) {
            JsonNode event = JSON.readTree(generator.next());
            assertTrue(event.isObject(), event.toString());
            Instant timestamp = Instant.parse(event.path("timestamp").asText());
            assertFalse(timestamp.isBefore(previous), "timestamps go back in time at " + event);
            assertTrue(timestamp.isBefore(END), "event after the end of the span: " + event);
            previous = timestamp;
            assertTrue(event.path("level").asText().matches("info|warn|error"), event.toString());
            assertTrue(event.path("host").asText().matches("[a-z]+-\\d\\d"), event.toString());
            assertFalse(event.path("service").asText().isEmpty(), event.toString());
            assertFalse(event.path("message").asText().isEmpty(), event.toString());
            switch (event.path("kind").asText()) {
                case "application" -> {
                    assertTrue(event.path("user_id").asText().matches("u-\\d{6}"), event.toString());
                    assertTrue(event.path("trace_id").asText().matches("[0-9a-f]{32}"), event.toString());
                    assertTrue(event.path("request_id").asText().matches("[A-Za-z0-9]{12}"), event.toString());
                    userIdsOnEvents.add(event.path("user_id").asText());
                }
                case "system" -> assertTrue(event.path("source").asText().matches("sshd|systemd|cron|nginx|kernel"), event.toString());
                case "audit" -> {
                    for (String field : List.of("actor", "action", "resource", "outcome", "source_ip")) {
                        assertFalse(event.path(field).asText().isEmpty(), field + " missing in " + event);
                    }
                    assertTrue(event.path("outcome").asText().matches("success|denied|failure"), event.toString());
                }
                default -> throw new AssertionError("unexpected kind in " + event);
            }
            if (event.has("duration_ms")) {
                assertTrue(event.path("duration_ms").isIntegralNumber(), event.toString());
            }
            if (event.has("status")) {
                assertTrue(event.path("status").asInt() >= 200 && event.path("status").asInt() < 600, event.toString());
            }
        }
        assertEquals(userIdsOnEvents, List.copyOf(generator.drawnUserIds()));
        assertTrue(previous.isAfter(END.minus(EventGenerator.SPAN).plusSeconds(86_000)), "the events do not reach the end of the span");
    }

    @Test
    void userIdsAreZipfDistributedWithAFewHeavyUsers() {
        EventGenerator generator = new EventGenerator(42, EVENTS, END);
        while (generator.hasNext()) {
            generator.next();
        }
        Map<String, Integer> perUser = new HashMap<>();
        generator.drawnUserIds().forEach(id -> perUser.merge(id, 1, Integer::sum));
        int heaviest = perUser.values().stream().max(Integer::compare).orElseThrow();
        double share = (double) heaviest / generator.drawnUserIds().size();
        assertEquals(0.045, share, 0.01, "the heaviest user has " + share + " of the application events");
        assertTrue(perUser.size() > 5_000, perUser.size() + " distinct users");
    }

    @Test
    void everyQueryWordOccursInSomeMessageTemplate() {
        for (String word : MessageTemplates.QUERY_WORDS) {
            assertTrue(MessageTemplates.ALL.stream().anyMatch(t -> t.text().toLowerCase().matches("(?s).*\\b" + word + "\\b.*")),
                    "no template contains '" + word + "'");
        }
        assertEquals(27, MessageTemplates.ALL.size());
    }

    @Test
    void eventsOfUserCountsTheEventsThatCarryTheUserId() throws IOException {
        EventGenerator generator = new EventGenerator(42, 5_000, END);
        Map<String, Long> counted = new HashMap<>();
        while (generator.hasNext()) {
            JsonNode event = JSON.readTree(generator.next());
            if (event.has("user_id")) {
                counted.merge(event.path("user_id").asText(), 1L, Long::sum);
            }
        }
        assertFalse(counted.isEmpty());
        counted.forEach((user, events) -> assertEquals(events, generator.eventsOfUser(user), user));
        assertEquals(0, generator.eventsOfUser("u-999999"));
        assertEquals(0, generator.eventsOfUser("nobody"));
        assertEquals(50, EventGenerator.hostNames().size());
        assertEquals(20, EventGenerator.serviceNames().size());
    }
}
