/**
 * OTLP/HTTP metrics ({@code ExportMetricsServiceRequest}) to metric samples and OTLP/HTTP logs
 * ({@code ExportLogsServiceRequest}) to log events, protobuf and JSON, and the export responses with
 * their partial success.
 *
 * <p>Key types: {@link io.loupe.ingest.otlp.OtlpMetricsDecoder} (entry point: body to
 * {@link io.loupe.ingest.parse.ParsedSamples}), {@link io.loupe.ingest.otlp.OtlpLogsDecoder} (body to
 * {@link io.loupe.ingest.otlp.OtlpDecodedLogs}; its javadoc has the log mapping table),
 * {@link io.loupe.ingest.otlp.OtlpExportResponse} (both signals). Internally, per signal, a protobuf
 * and a JSON reader ({@code OtlpMetricsProtobufReader}/{@code OtlpMetricsJsonReader},
 * {@code OtlpLogsProtobufReader}/{@code OtlpLogsJsonReader}) decode both encodings into one model
 * ({@code OtlpMetricsModel}, {@code OtlpLogsModel}), which {@code OtlpMetricMapping} turns into samples
 * and {@code OtlpLogMapping} into events. What the signals share is read once per encoding:
 * {@code OtlpProtobufCommonReader} and {@code OtlpJsonCommonReader} ({@code KeyValue}, {@code AnyValue},
 * typed fields), and {@code OtlpAttributeValue} renders an {@code AnyValue} as label text or an
 * attribute value.
 *
 * <p>Metrics mapping (the full rules and rejections are in {@code OtlpMetricMapping}):
 * <pre>
 * OTLP                              Loupe samples
 * Gauge / Sum number point          name{labels} = as_double | as_int as double (sums stored as given;
 *                                   rate/increase are meant for cumulative ones)
 * Histogram point                   name_bucket{labels, le="0.5"|"1"|...|"+Inf"} cumulative counts,
 *                                   name_sum (when set), name_count
 * Summary point                     name{labels, quantile="0.99"}, name_sum, name_count
 * Exponential histogram point       rejected (not supported yet)
 * metric name                       verbatim, e.g. system.cpu.time
 * labels                            resource attributes + point attributes (point wins on a clash);
 *                                   scope attributes ignored; resource host.name -&gt; host,
 *                                   service.name -&gt; service; other keys verbatim
 * attribute values                  string as is; int decimal; double as Prometheus (0.25, 1e+06);
 *                                   bool true/false; bytes base64; array/kvlist compact JSON
 * time_unix_nano                    milliseconds; 0 -&gt; time the request was received
 * flags &amp; 1 (NO_RECORDED_VALUE)     every sample of the point is the stale marker
 * </pre>
 *
 * <p><b>Invariants:</b> both encodings of the same request give the same samples or events; a data
 * point or log record that cannot be stored is rejected on its own with its position and reason, and
 * counted in {@code rejected_data_points} or {@code rejected_log_records}; malformed input ends only
 * in a {@code LoupeException}; {@code AnyValue}s nest at most {@code OtlpAttributeValue.MAX_DEPTH}
 * levels, and a request holds at most {@code ingest.max_events_per_request} samples or log records.
 */
package io.loupe.ingest.otlp;
