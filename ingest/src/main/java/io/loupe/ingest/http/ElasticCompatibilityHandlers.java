package io.loupe.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import io.loupe.ingest.elastic.ElasticConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parts of the Elasticsearch API that shippers call before their first {@code _bulk}, answered
 * honestly:
 * <ul>
 *   <li>{@code GET|HEAD /}: version info ({@code elastic.version}), so clients pick their format;</li>
 *   <li>{@code GET /_license}: a basic, active license; {@code GET /_cluster/health}: green;
 *       {@code GET /_cat/health} (rsyslog's omelasticsearch health check): green, as text or with
 *       {@code format=json} as JSON;</li>
 *   <li>{@code GET /_nodes[/http]}: this one node, its publish address the Host the client used;</li>
 *   <li>{@code GET|PUT|HEAD|DELETE} of {@code /_index_template/*}, {@code /_template/*},
 *       {@code /_component_template/*}, {@code /_ilm/policy/*}, {@code /_ingest/pipeline/*}: kept in
 *       memory and given back, never applied (Loupe's schema maps fields, and ignoring a template or a
 *       pipeline cannot lose an event; a shipper that finds one missing after a restart puts it again);</li>
 *   <li>{@code HEAD|PUT /{index}}: every index exists; its documents go to the kind
 *       {@code elastic.index_kinds} maps its name to.</li>
 * </ul>
 */
final class ElasticCompatibilityHandlers {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_DEFINITION_BYTES = 1 << 20;
    private static final int MAX_DEFINITIONS = 10_000;

    private final ElasticConfig config;
    private final String clusterUuid = UUID.randomUUID().toString();
    private final String nodeId = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
    private final Map<String, JsonNode> definitions = new ConcurrentHashMap<>();

    ElasticCompatibilityHandlers(ElasticConfig config) {
        this.config = config;
    }

    void mount(Router router) {
        router.get("/").handler(this::root);
        router.head("/").handler(this::root);
        router.get("/_license").handler(this::license);
        router.get("/_cluster/health").handler(this::health);
        router.get("/_cat/health").handler(this::catHealth);
        router.get("/_nodes").handler(this::nodes);
        router.get("/_nodes/*").handler(this::nodes);
        for (String kind : new String[] {"_index_template", "_template", "_component_template", "_ilm/policy", "_ingest/pipeline"}) {
            String path = "/" + kind + "/:name";
            router.get(path).handler(ctx -> getDefinition(ctx, kind));
            router.head(path).handler(ctx -> getDefinition(ctx, kind));
            router.delete(path).handler(ctx -> deleteDefinition(ctx, kind));
            router.put(path).handler(BodyHandler.create().setBodyLimit(MAX_DEFINITION_BYTES)).handler(ctx -> putDefinition(ctx, kind));
            router.post(path).handler(BodyHandler.create().setBodyLimit(MAX_DEFINITION_BYTES)).handler(ctx -> putDefinition(ctx, kind));
        }
        router.headWithRegex("/[^_/][^/]*").handler(ctx -> ElasticResponses.json(ctx, 200, "{}"));
        router.putWithRegex("/[^_/][^/]*").handler(ctx -> ElasticResponses.json(ctx, 200,
                "{\"acknowledged\":true,\"shards_acknowledged\":true,\"index\":" + quoted(ctx.request().path().substring(1)) + "}"));
    }

    private void root(RoutingContext ctx) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("name", "loupe").put("cluster_name", "loupe").put("cluster_uuid", clusterUuid);
        ObjectNode version = root.putObject("version");
        version.put("number", config.version()).put("build_flavor", "default").put("build_type", "tar")
                .put("build_hash", "loupe").put("build_date", "2026-01-01T00:00:00.000Z").put("build_snapshot", false)
                .put("lucene_version", org.apache.lucene.util.Version.LATEST.toString())
                .put("minimum_wire_compatibility_version", "7.17.0").put("minimum_index_compatibility_version", "7.0.0");
        root.put("tagline", "You Know, for Search");
        ElasticResponses.json(ctx, 200, root.toString());
    }

    private void license(RoutingContext ctx) {
        ElasticResponses.json(ctx, 200, "{\"license\":{\"status\":\"active\",\"uid\":\"" + clusterUuid
                + "\",\"type\":\"basic\",\"issue_date_in_millis\":0,\"max_nodes\":1000,\"issued_to\":\"loupe\",\"issuer\":\"loupe\"}}");
    }

    private void health(RoutingContext ctx) {
        ElasticResponses.json(ctx, 200, "{\"cluster_name\":\"loupe\",\"status\":\"green\",\"timed_out\":false,\"number_of_nodes\":1,"
                + "\"number_of_data_nodes\":1,\"active_primary_shards\":1,\"active_shards\":1,\"relocating_shards\":0,"
                + "\"initializing_shards\":0,\"unassigned_shards\":0}");
    }

    private void catHealth(RoutingContext ctx) {
        long epochSeconds = System.currentTimeMillis() / 1000;
        if ("json".equals(ctx.request().getParam("format"))) {
            ElasticResponses.json(ctx, 200, "[{\"epoch\":\"" + epochSeconds + "\",\"cluster\":\"loupe\",\"status\":\"green\","
                    + "\"node.total\":\"1\",\"node.data\":\"1\",\"shards\":\"1\",\"pri\":\"1\",\"unassign\":\"0\"}]");
            return;
        }
        ElasticResponses.text(ctx, 200, epochSeconds + " loupe green 1 1 1 1 0 0 0 0 - 100.0%\n");
    }

    private void nodes(RoutingContext ctx) {
        String host = ctx.request().authority() != null ? ctx.request().authority().toString() : "127.0.0.1:" + ctx.request().localAddress().port();
        ObjectNode root = MAPPER.createObjectNode();
        root.putObject("_nodes").put("total", 1).put("successful", 1).put("failed", 0);
        root.put("cluster_name", "loupe");
        ObjectNode node = root.putObject("nodes").putObject(nodeId);
        node.put("name", "loupe").put("host", host).put("version", config.version());
        node.putArray("roles").add("master").add("data").add("ingest");
        node.putObject("http").put("publish_address", host).putArray("bound_address").add(host);
        ElasticResponses.json(ctx, 200, root.toString());
    }

    private void getDefinition(RoutingContext ctx, String kind) {
        String name = ctx.pathParam("name");
        JsonNode definition = definitions.get(kind + "/" + name);
        if (definition == null) {
            ElasticResponses.json(ctx, 404, notFound(kind, name));
            return;
        }
        ObjectNode answer = MAPPER.createObjectNode();
        switch (kind) {
            case "_index_template" -> answer.putArray("index_templates").addObject().put("name", name).set("index_template", definition);
            case "_component_template" -> answer.putArray("component_templates").addObject().put("name", name).set("component_template", definition);
            case "_ilm/policy" -> {
                ObjectNode policy = answer.putObject(name);
                policy.put("version", 1);
                policy.set("policy", definition.path("policy"));
            }
            default -> answer.set(name, definition);
        }
        ElasticResponses.json(ctx, 200, answer.toString());
    }

    private void putDefinition(RoutingContext ctx, String kind) {
        JsonNode body;
        try {
            body = ctx.body().length() == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(ctx.body().buffer().getBytes());
        } catch (IOException e) {
            ctx.fail(new LoupeException(ErrorCode.INVALID_JSON, kind + " definition is not valid JSON: " + e.getMessage()));
            return;
        }
        String key = kind + "/" + ctx.pathParam("name");
        if (definitions.size() >= MAX_DEFINITIONS && !definitions.containsKey(key)) {
            ctx.fail(new LoupeException(ErrorCode.INVALID_PARAMETER, "more than " + MAX_DEFINITIONS
                    + " templates, policies and pipelines are kept; delete some first"));
            return;
        }
        definitions.put(key, body);
        ElasticResponses.json(ctx, 200, "{\"acknowledged\":true}");
    }

    private void deleteDefinition(RoutingContext ctx, String kind) {
        String name = ctx.pathParam("name");
        if (definitions.remove(kind + "/" + name) == null) {
            ElasticResponses.json(ctx, 404, notFound(kind, name));
            return;
        }
        ElasticResponses.json(ctx, 200, "{\"acknowledged\":true}");
    }

    private static String notFound(String kind, String name) {
        String reason = kind.substring(1) + " [" + name + "] not found";
        String error = "{\"type\":\"resource_not_found_exception\",\"reason\":" + quoted(reason) + "}";
        return "{\"error\":{\"root_cause\":[" + error + "],\"type\":\"resource_not_found_exception\",\"reason\":"
                + quoted(reason) + "},\"status\":404}";
    }

    private static String quoted(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
