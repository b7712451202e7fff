package io.loupe.ops.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server-sent events client as a browser's {@code EventSource} parses the stream: a real HTTP/1.1
 * request, then a thread that reads the body line by line into events ({@code event:}, {@code id:},
 * {@code data:} up to a blank line) and comments. Closing it hangs up.
 */
final class SseClient implements AutoCloseable {
    /** One event; {@code receivedNanos} is {@link System#nanoTime()} when its blank line arrived. */
    record Event(String type, String id, String data, long receivedNanos) {
        JsonNode json() {
            try {
                return LoupeApi.JSON.readTree(data);
            } catch (JsonProcessingException e) {
                throw new AssertionError("data of event " + type + " is not JSON: " + data, e);
            }
        }
    }

    /** Put in the queue when the server ends the stream. */
    static final String END = "(end of stream)";

    private final int status;
    private final HttpHeaders headers;
    private final String errorBody;
    private final InputStream body;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();

    private SseClient(HttpResponse<InputStream> response) throws IOException {
        this.status = response.statusCode();
        this.headers = response.headers();
        if (status != 200) {
            this.errorBody = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
            this.body = null;
            return;
        }
        this.errorBody = null;
        this.body = response.body();
        Thread reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code GET uri} and returns once the status and headers are in. */
    static SseClient open(URI uri, String... headerNamesAndValues) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        for (int i = 0; i < headerNamesAndValues.length; i += 2) {
            request.header(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        return new SseClient(http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    int status() {
        return status;
    }

    HttpHeaders headers() {
        return headers;
    }

    /** The answer of a refused stream as {@link LoupeApi.Response}, to check its error. */
    LoupeApi.Response refusal() {
        return new LoupeApi.Response(status, headers, errorBody);
    }

    /** The next event, or null when none came within the timeout. */
    Event next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    List<String> comments() {
        return List.copyOf(comments);
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String type = null;
            String id = null;
            StringBuilder data = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(type == null ? "message" : type, id, data.toString(), System.nanoTime()));
                    }
                    type = null;
                    id = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "event" -> type = value;
                        case "id" -> id = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> { } // retry, unknown fields: ignored as EventSource does
                    }
                }
            }
        } catch (IOException e) {
            // the client hung up (close) or the connection broke: the stream ends either way
        }
        events.add(new Event(END, null, "", System.nanoTime()));
    }

    @Override
    public void close() throws IOException {
        if (body != null) {
            body.close();
        }
    }
}
