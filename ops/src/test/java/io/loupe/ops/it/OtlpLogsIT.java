package io.loupe.ops.it;

import static io.loupe.ops.it.LoupeApi.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.loupe.ops.it.LoupeApi.Response;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OTLP/HTTP logs against the real server: the OpenTelemetry Java SDK's log exporter (protobuf) with
 * resource, severity, trace context and semantic-convention attributes, and OTLP/JSON with a
 * partial success for a record outside the accepted time range.
 */
class OtlpLogsIT {
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

    @Test
    void theOpenTelemetrySdkExporterDeliversRecordsWithResourceSeverityAndTraceContext() {
        OtlpHttpLogRecordExporter exporter = OtlpHttpLogRecordExporter.builder()
                .setEndpoint("http://" + InProcessLoupe.HOST + ":" + api.port() + "/v1/logs").build();
        Resource resource = Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "otel-checkout",
                AttributeKey.stringKey("host.name"), "otel-host-1", AttributeKey.stringKey("deployment.environment"), "it"));
        SdkLoggerProvider provider = SdkLoggerProvider.builder().setResource(resource)
                .addLogRecordProcessor(BatchLogRecordProcessor.builder(exporter).build()).build();
        try {
            Logger logger = provider.get("io.loupe.it.checkout");
            SpanContext spanContext = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                    TraceFlags.getSampled(), TraceState.getDefault());
            Context withSpan = Context.root().with(Span.wrap(spanContext));
            for (int i = 0; i < 20; i++) {
                logger.logRecordBuilder().setSeverity(i % 4 == 0 ? Severity.ERROR : Severity.INFO).setBody("payment " + i + " processed")
                        .setAttribute(AttributeKey.stringKey("user.id"), "u-" + (i % 2)).setAttribute(AttributeKey.longKey("order.total_cents"), 100L * i)
                        .setContext(withSpan).emit();
            }
            CompletableResultCode flushed = provider.forceFlush().join(20, TimeUnit.SECONDS);
            assertTrue(flushed.isSuccess(), "the exporter's flush did not succeed");
        } finally {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
        JsonNode answer = api.awaitTotal(params("q", "service:otel-checkout", "limit", "100"), 20);
        JsonNode first = answer.path("hits").get(0);
        assertEquals("otel-host-1", first.path("host").asText(), first::toString);
        assertEquals("otlp", first.path("source").asText());
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", first.path("trace_id").asText());
        assertEquals("00f067aa0ba902b7", first.path("span_id").asText());
        assertEquals("it", first.path("attributes").path("resource.deployment.environment").asText(), first::toString);
        assertEquals("io.loupe.it.checkout", first.path("attributes").path("otel.scope.name").asText());
        assertEquals(5, api.searchOk(params("q", "service:otel-checkout AND level:error")).path("total").asInt());
        assertEquals(10, api.searchOk(params("q", "service:otel-checkout AND user_id:u-1")).path("total").asInt());
        assertEquals(1, api.searchOk(params("q", "trace_id:4bf92f3577b34da6a3ce929d0e0e4736 AND \"payment 7 processed\"")).path("total").asInt());
    }

    @Test
    void jsonWithARecordOutsideTheTimeRangeIsAPartialSuccessAndTheRestIsStored() {
        long now = Instant.now().toEpochMilli() * 1_000_000L;
        String body = """
                {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"otel-json"}}]},
                 "scopeLogs":[{"scope":{"name":"json"},"logRecords":[
                  {"timeUnixNano":"%d","severityNumber":13,"body":{"stringValue":"disk 91%% full"},
                   "attributes":[{"key":"loupe.kind","value":{"stringValue":"audit"}},{"key":"event.action","value":{"stringValue":"quota.warn"}}]},
                  {"timeUnixNano":"1000000000","body":{"stringValue":"from 1970"}}]}]}]}
                """.formatted(now);
        Response response = api.send(HttpRequest.newBuilder(api.base().resolve("/v1/logs")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
        assertEquals(200, response.status(), response.body());
        JsonNode partial = response.json().path("partialSuccess");
        assertEquals("1", partial.path("rejectedLogRecords").asText(), response.body());
        assertTrue(partial.path("errorMessage").asText().contains("logRecords[1]"), response.body());
        JsonNode hit = api.awaitTotal(params("q", "service:otel-json"), 1).path("hits").get(0);
        assertEquals("audit", hit.path("kind").asText());
        assertEquals("warn", hit.path("level").asText());
        assertEquals("quota.warn", hit.path("action").asText());
        assertEquals("disk 91% full", hit.path("message").asText());
    }

    @Test
    void anUnsupportedContentTypeIs415() {
        Response response = api.send(HttpRequest.newBuilder(api.base().resolve("/v1/logs")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")));
        response.error(415, "UNSUPPORTED_MEDIA_TYPE");
    }
}
