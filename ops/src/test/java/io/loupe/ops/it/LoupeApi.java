package io.loupe.ops.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Predicate;

/**
 * A client of Loupe's HTTP API as a user sees it: real HTTP/1.1 requests, JSON answers. Thread-safe.
 */
final class LoupeApi {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String NDJSON = "application/x-ndjson";
    /** How long a test waits for something to become visible before it fails. */
    static final Duration VISIBILITY_TIMEOUT = Duration.ofSeconds(2);

    private final URI base;
    private final HttpClient http;

    LoupeApi(String host, int port) {
        this.base = URI.create("http://" + host + ":" + port);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    URI base() {
        return base;
    }

    int port() {
        return base.getPort();
    }

    /** A status, the headers and the body of one answer. */
    record Response(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("answer " + status + " is not JSON: " + body, e);
            }
        }

        /** The {@code error} object of an error answer, after checking the status and the code. */
        JsonNode error(int expectedStatus, String expectedCode) {
            assertEquals(expectedStatus, status, () -> "status of " + body);
            assertEquals("application/json", headers.firstValue("content-type").orElse(""), "content type of an error");
            JsonNode error = json().path("error");
            assertEquals(expectedCode, error.path("code").asText(), () -> "error code in " + body);
            return error;
        }

        JsonNode ok() {
            assertEquals(200, status, () -> "status of " + body);
            return json();
        }
    }

    Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response get(String pathAndQuery, String... headerNamesAndValues) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET();
        for (int i = 0; i < headerNamesAndValues.length; i += 2) {
            request.header(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
        }
        return send(request);
    }

    /** {@code POST /api/v1/logs?query} with the body as it is. */
    Response postLogs(String query, String contentType, byte[] body, String... headerNamesAndValues) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/v1/logs" + (query.isEmpty() ? "" : "?" + query)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headerNamesAndValues.length; i += 2) {
            request.header(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
        }
        return send(request);
    }

    /** Posts the lines as NDJSON, one per line. */
    Response ingest(String... lines) {
        return postLogs("", NDJSON, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    /** Posts the lines as NDJSON and checks that every one was accepted. */
    JsonNode ingestAll(String... lines) {
        JsonNode answer = ingest(lines).ok();
        assertEquals(lines.length, answer.path("accepted").asInt(), () -> "accepted count in " + answer);
        assertEquals(0, answer.path("rejected").asInt(), () -> "rejected count in " + answer);
        return answer;
    }

    Response search(Map<String, String> params) {
        return get("/api/v1/search?" + queryString(params));
    }

    JsonNode searchOk(Map<String, String> params) {
        return search(params).ok();
    }

    Response searchPost(String jsonBody) {
        return send(HttpRequest.newBuilder(base.resolve("/api/v1/search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    /** Repeats the search until its answer satisfies the condition, for at most {@link #VISIBILITY_TIMEOUT}. */
    JsonNode awaitSearch(Map<String, String> params, Predicate<JsonNode> condition, String what) {
        Instant deadline = Instant.now().plus(VISIBILITY_TIMEOUT);
        JsonNode last;
        while (true) {
            last = searchOk(params);
            if (condition.test(last)) {
                return last;
            }
            if (Instant.now().isAfter(deadline)) {
                fail("within " + VISIBILITY_TIMEOUT.toMillis() + " ms, expected " + what + " for " + params + "; last answer: " + last);
            }
            pause(20);
        }
    }

    /** Waits until the search has exactly {@code total} hits, and returns that answer. */
    JsonNode awaitTotal(Map<String, String> params, long total) {
        return awaitSearch(params, answer -> answer.path("total").asLong() == total, "total " + total);
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Search parameters from alternating names and values, in order. */
    static Map<String, String> params(String... namesAndValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }

    static String queryString(Map<String, String> params) {
        StringJoiner query = new StringJoiner("&");
        params.forEach((name, value) -> query.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return query.toString();
    }

    /** One event as a JSON line, from alternating field names and values (values may be numbers, maps, lists). */
    static String event(Object... namesAndValues) {
        Map<String, Object> event = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            event.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
