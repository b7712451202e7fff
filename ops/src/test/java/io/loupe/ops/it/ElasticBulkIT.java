package io.loupe.ops.it;

import static io.loupe.ops.it.LoupeApi.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import com.fasterxml.jackson.databind.JsonNode;
import io.loupe.ops.it.LoupeApi.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Elasticsearch-compatible API against the real server: what shippers call at start-up, {@code _bulk}
 * with per-item outcomes over raw HTTP, and the official Elasticsearch Java client's bulk API.
 */
class ElasticBulkIT {
    @TempDir
    static Path dataDir;
    private static InProcessLoupe loupe;
    private static LoupeApi api;

    @BeforeAll
    static void startServer() throws Exception {
        loupe = InProcessLoupe.start(dataDir, Map.of("log.refresh_millis", "50"));
        api = loupe.api();
    }

    @AfterAll
    static void stopServer() {
        if (loupe != null) {
            loupe.close();
        }
    }

    private static Response post(String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.base().resolve(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return api.send(request);
    }

    private static Response put(String path, String body) {
        return api.send(HttpRequest.newBuilder(api.base().resolve(path)).PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"));
    }

    @Test
    void startUpCallsAnswerLikeElasticsearchWithTheProductHeader() {
        Response root = api.get("/");
        assertEquals(200, root.status());
        assertEquals("Elasticsearch", root.headers().firstValue("X-Elastic-Product").orElse(""));
        assertEquals("8.17.0", root.json().path("version").path("number").asText());
        assertEquals(200, api.send(HttpRequest.newBuilder(api.base()).method("HEAD", HttpRequest.BodyPublishers.noBody())).status());
        assertEquals("active", api.get("/_license").json().path("license").path("status").asText());
        Response catHealth = api.get("/_cat/health");
        assertEquals(200, catHealth.status());
        assertTrue(catHealth.body().contains(" green "), catHealth.body());
        assertEquals("green", api.get("/_cat/health?format=json").json().get(0).path("status").asText());
        JsonNode nodes = api.get("/_nodes/http").json();
        assertEquals(1, nodes.path("_nodes").path("total").asInt());
        assertEquals(200, api.send(HttpRequest.newBuilder(api.base().resolve("/any-index"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())).status());
        assertEquals(200, put("/any-index", "{}").status());
    }

    @Test
    void templatesAndPoliciesAreKeptAndGivenBackButAMissingOneIs404() {
        Response missing = api.get("/_index_template/filebeat-8.17.0");
        assertEquals(404, missing.status());
        assertEquals("resource_not_found_exception", missing.json().path("error").path("type").asText());
        assertEquals(404, missing.json().path("status").asInt());
        assertEquals(200, put("/_index_template/filebeat-8.17.0", "{\"index_patterns\":[\"filebeat-*\"]}").status());
        JsonNode template = api.get("/_index_template/filebeat-8.17.0").json().path("index_templates").get(0);
        assertEquals("filebeat-8.17.0", template.path("name").asText());
        assertEquals("filebeat-*", template.path("index_template").path("index_patterns").get(0).asText());
        assertEquals(200, put("/_ilm/policy/filebeat", "{\"policy\":{\"phases\":{}}}").status());
        assertTrue(api.get("/_ilm/policy/filebeat").json().path("filebeat").path("policy").has("phases"));
    }

    @Test
    void eachBulkItemHasItsOwnStatusAndTheGoodOnesAreSearchable() {
        String now = Instant.now().toString();
        String body = "{\"create\":{\"_index\":\"bulk-raw\",\"_id\":\"g1\"}}\n"
                + "{\"@timestamp\":\"" + now + "\",\"message\":\"payment declined\",\"log.level\":\"ERROR\",\"host\":{\"name\":\"web-3\"},"
                + "\"service\":{\"name\":\"bulk-raw\"},\"http\":{\"response\":{\"status_code\":502}}}\n"
                + "{\"create\":{\"_index\":\"bulk-raw\",\"_id\":\"b1\"}}\n"
                + "{\"message\": broken\n"
                + "{\"index\":{\"_index\":\"bulk-raw\"}}\n"
                + "{\"message\":\"second good\",\"service.name\":\"bulk-raw\",\"level\":\"info\"}\n"
                + "{\"delete\":{\"_index\":\"bulk-raw\",\"_id\":\"g1\"}}\n";
        Response response = post("/_bulk", "application/x-ndjson", body.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, response.status(), response.body());
        JsonNode answer = response.json();
        assertTrue(answer.path("errors").asBoolean());
        JsonNode items = answer.path("items");
        assertEquals(4, items.size());
        assertEquals(201, items.get(0).path("create").path("status").asInt());
        assertEquals("g1", items.get(0).path("create").path("_id").asText());
        assertEquals(400, items.get(1).path("create").path("status").asInt());
        assertEquals("document_parsing_exception", items.get(1).path("create").path("error").path("type").asText());
        assertEquals(201, items.get(2).path("index").path("status").asInt());
        assertEquals(400, items.get(3).path("delete").path("status").asInt());

        JsonNode hits = api.awaitTotal(params("q", "service:bulk-raw"), 2).path("hits");
        JsonNode declined = hits.get(0).path("message").asText().equals("payment declined") ? hits.get(0) : hits.get(1);
        assertEquals("web-3", declined.path("host").asText());
        assertEquals("error", declined.path("level").asText());
        assertEquals("bulk-raw", declined.path("source").asText());
        assertEquals(1, api.searchOk(params("q", "service:bulk-raw AND attributes.http.response.status_code:502")).path("total").asInt());
    }

    @Test
    void aGzippedBulkOnAnIndexPathTakesTheIndexAsSourceAndItsKind() throws IOException {
        String body = "{\"create\":{}}\n{\"message\":\"Accepted publickey for alice\",\"service\":\"sshd-bulk\",\"user\":{\"name\":\"alice\"}}\n";
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(body.getBytes(StandardCharsets.UTF_8));
        }
        Response response = post("/logs-system.auth-default/_bulk", "application/json", gzipped.toByteArray(), "Content-Encoding", "gzip");
        assertFalse(response.json().path("errors").asBoolean(), response.body());
        JsonNode hit = api.awaitTotal(params("q", "service:sshd-bulk"), 1).path("hits").get(0);
        assertEquals("audit", hit.path("kind").asText());
        assertEquals("alice", hit.path("actor").asText());
        assertEquals("logs-system.auth-default", hit.path("source").asText());
    }

    @Test
    void aFormEncodedBodyIs415NamingWhatToSendInElasticsearchsErrorShape() {
        Response response = post("/_bulk", "application/x-www-form-urlencoded", "{}".getBytes(StandardCharsets.UTF_8));
        JsonNode error = response.error(415, "UNSUPPORTED_MEDIA_TYPE");
        assertTrue(error.path("message").asText().contains("application/x-ndjson"), error.toString());
        assertEquals("media_type_header_exception", error.path("type").asText(), error.toString());
        assertEquals("media_type_header_exception", error.path("root_cause").get(0).path("type").asText());
        assertEquals(415, response.json().path("status").asInt());
        assertEquals("Elasticsearch", response.headers().firstValue("X-Elastic-Product").orElse(""));
    }

    @Test
    void theOfficialElasticsearchJavaClientBulkIndexes() throws Exception {
        int documents = 50;
        try (ElasticsearchClient client = ElasticsearchClient.of(b -> b.host("http://" + InProcessLoupe.HOST + ":" + api.port()))) {
            BulkResponse response = client.bulk(bulk -> {
                for (int i = 0; i < documents; i++) {
                    Map<String, Object> document = new LinkedHashMap<>();
                    document.put("@timestamp", Instant.now().toString());
                    document.put("message", "order " + i + " shipped");
                    document.put("service", Map.of("name", "es-java-client"));
                    document.put("user", Map.of("id", "u-" + (i % 5)));
                    document.put("log", Map.of("level", i % 10 == 0 ? "warn" : "info"));
                    int n = i;
                    bulk.operations(op -> op.create(create -> create.index("orders").id("o-" + n).document(document)));
                }
                return bulk;
            });
            assertFalse(response.errors(), () -> response.items().stream().map(BulkResponseItem::error).toList().toString());
            assertEquals(documents, response.items().size());
            assertEquals("o-7", response.items().get(7).id());
            assertEquals(201, response.items().get(7).status());
        }
        api.awaitTotal(params("q", "service:es-java-client"), documents);
        assertEquals(5, api.searchOk(params("q", "service:es-java-client AND level:warn")).path("total").asInt());
        assertEquals(10, api.searchOk(params("q", "service:es-java-client AND user_id:u-3")).path("total").asInt());
    }
}
