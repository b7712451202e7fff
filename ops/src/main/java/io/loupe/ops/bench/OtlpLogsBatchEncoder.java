package io.loupe.ops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.loupe.ingest.wire.ProtobufWriter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NDJSON events as an OTLP/HTTP protobuf {@code ExportLogsServiceRequest}, as an SDK per process
 * would send them: one {@code ResourceLogs} per host and service of the batch (resource attributes
 * {@code host.name}, {@code service.name}), one scope, and per event a record with
 * {@code time_unix_nano}, severity number and text, the message as string body, {@code trace_id}
 * as bytes, the semantic-convention names for the schema fields ({@code user.id}, {@code user.name},
 * {@code event.action}, {@code event.outcome}, {@code source.ip}, {@code http.request.id}),
 * {@code kind} as {@code loupe.kind} and the other fields as attributes of their own name (whole
 * numbers as {@code int_value}).
 */
final class OtlpLogsBatchEncoder implements BatchEncoder {

    @Override
    public byte[] encode(byte[] ndjsonBatch) {
        Map<String, ProtobufWriter> scopes = new LinkedHashMap<>();
        Map<String, List<String>> resources = new LinkedHashMap<>();
        for (GeneratedEvent event : GeneratedEvent.parseBatch(ndjsonBatch)) {
            String key = event.host() + "\n" + event.service();
            resources.putIfAbsent(key, java.util.Arrays.asList(event.host(), event.service()));
            scopes.computeIfAbsent(key, k -> new ProtobufWriter().writeMessageField(1, new ProtobufWriter().writeStringField(1, "bench")))
                    .writeMessageField(2, record(event));
        }
        ProtobufWriter request = new ProtobufWriter();
        scopes.forEach((key, scope) -> {
            ProtobufWriter resource = new ProtobufWriter();
            List<String> hostAndService = resources.get(key);
            if (hostAndService.get(0) != null) {
                resource.writeMessageField(1, keyValue("host.name", stringValue(hostAndService.get(0))));
            }
            if (hostAndService.get(1) != null) {
                resource.writeMessageField(1, keyValue("service.name", stringValue(hostAndService.get(1))));
            }
            request.writeMessageField(1, new ProtobufWriter().writeMessageField(1, resource).writeMessageField(2, scope));
        });
        return request.toByteArray();
    }

    private static ProtobufWriter record(GeneratedEvent event) {
        ProtobufWriter record = new ProtobufWriter().writeFixed64Field(1, event.epochNanos());
        if (event.level() != null) {
            record.writeVarintField(2, switch (event.level()) {
                case "warn" -> 13;
                case "error" -> 17;
                default -> 9;
            }).writeStringField(3, event.level());
        }
        if (event.message() != null) {
            record.writeMessageField(5, stringValue(event.message()));
        }
        for (Map.Entry<String, JsonNode> field : event.others().entrySet()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equals("trace_id")) {
                record.writeBytesField(9, HexFormat.of().parseHex(value.asText()));
                continue;
            }
            String attribute = switch (name) {
                case "user_id" -> "user.id";
                case "kind" -> "loupe.kind";
                case "actor" -> "user.name";
                case "action" -> "event.action";
                case "outcome" -> "event.outcome";
                case "source_ip" -> "source.ip";
                case "request_id" -> "http.request.id";
                default -> name;
            };
            record.writeMessageField(6, keyValue(attribute, value.isIntegralNumber()
                    ? new ProtobufWriter().writeVarintField(3, value.longValue()) : stringValue(value.asText())));
        }
        return record;
    }

    private static ProtobufWriter keyValue(String key, ProtobufWriter anyValue) {
        return new ProtobufWriter().writeStringField(1, key).writeMessageField(2, anyValue);
    }

    private static ProtobufWriter stringValue(String text) {
        return new ProtobufWriter().writeStringField(1, text);
    }
}
