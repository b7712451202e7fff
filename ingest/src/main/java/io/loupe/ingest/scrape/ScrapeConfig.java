package io.loupe.ingest.scrape;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.loupe.index.api.Labels;
import io.loupe.index.api.Setting;
import io.loupe.index.api.SettingSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scrape targets, from the {@code scrape} setting: in YAML a list
 * {@code scrape: [{url: http://127.0.0.1:9100/metrics, interval: 15s, timeout: 10s, labels: {job: node, host: web-3}}]},
 * in the environment ({@code LOUPE_SCRAPE}) or a flag the same list as JSON.
 */
public record ScrapeConfig(List<ScrapeTarget> targets, long maxBodyBytes) {
    public static final Setting SCRAPE = new Setting("scrape", "[]",
            "targets to pull metrics from: a list of {url, interval (default 15s), timeout (default: the interval, at most 10s), labels}; "
                    + "in the environment as JSON");
    public static final Setting MAX_SCRAPE_BYTES = new Setting("ingest.max_scrape_bytes", "16777216",
            "largest scrape response in bytes; a larger one fails the scrape (up = 0)");
    public static final List<Setting> SETTINGS = List.of(SCRAPE, MAX_SCRAPE_BYTES);
    private static final ObjectMapper JSON = new ObjectMapper();

    public static ScrapeConfig from(SettingSource source) {
        String text = SCRAPE.stringValue(source);
        List<ScrapeTarget> targets = new ArrayList<>();
        JsonNode list;
        try {
            list = JSON.readTree(text == null || text.isBlank() ? "[]" : text);
        } catch (JsonProcessingException e) {
            throw invalid("is not a JSON list: " + e.getOriginalMessage());
        }
        if (!list.isArray()) {
            throw invalid("must be a list of targets, got " + list.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        for (int i = 0; i < list.size(); i++) {
            targets.add(target(list.get(i), i + 1));
        }
        return new ScrapeConfig(List.copyOf(targets), MAX_SCRAPE_BYTES.longValue(source, 1024, 1L << 31));
    }

    private static ScrapeTarget target(JsonNode node, int position) {
        if (!node.isObject() || !node.hasNonNull("url")) {
            throw invalid("target " + position + " needs a url");
        }
        URI url;
        try {
            url = new URI(node.get("url").asText());
        } catch (URISyntaxException e) {
            throw invalid("target " + position + " url '" + node.get("url").asText() + "' is not a URL: " + e.getReason());
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
            throw invalid("target " + position + " url '" + url + "' must be an http(s) URL with a host");
        }
        Duration interval = duration(node, "interval", Duration.ofSeconds(15), position);
        Duration timeout = duration(node, "timeout", interval.compareTo(Duration.ofSeconds(10)) < 0 ? interval : Duration.ofSeconds(10), position);
        if (interval.toMillis() < 100) {
            throw invalid("target " + position + " interval " + interval.toMillis() + " ms is below the minimum of 100 ms");
        }
        if (timeout.compareTo(interval) > 0) {
            throw invalid("target " + position + " timeout " + timeout + " is longer than its interval " + interval);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("job", "scrape");
        int port = url.getPort() >= 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
        labels.put("instance", url.getHost() + ":" + port);
        JsonNode configured = node.get("labels");
        if (configured != null && !configured.isNull()) {
            if (!configured.isObject()) {
                throw invalid("target " + position + " labels must be a map of name to value");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = configured.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                labels.put(field.getKey(), field.getValue().asText());
            }
        }
        return new ScrapeTarget(url, interval, timeout, Labels.of(labels));
    }

    private static Duration duration(JsonNode node, String field, Duration fallback, int position) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        String text = value.asText().trim().toLowerCase(Locale.ROOT);
        try {
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw invalid("target " + position + " " + field + " '" + value.asText() + "' is not a duration like 500ms, 15s, 1m");
        }
    }

    private static IllegalArgumentException invalid(String detail) {
        return new IllegalArgumentException("setting " + SCRAPE.key() + " (" + SCRAPE.environmentVariable() + ") " + detail);
    }
}
