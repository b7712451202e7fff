package io.loupe.ingest.prometheus;

import static io.loupe.ingest.parse.ParsedSamplesAssertions.onlyError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.Labels;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.MetricSample;
import io.loupe.ingest.parse.LineError;
import io.loupe.ingest.parse.MetricLimits;
import io.loupe.ingest.parse.ParsedSamples;
import io.loupe.ingest.prometheus.PrometheusTextParser.Format;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusTextParserTest {
    private static final long SCRAPE_TIME = 1_795_341_600_000L;
    private static final Labels TARGET = Labels.of("job", "node", "instance", "web-3:9100");

    /** A chunk of a real node_exporter 1.7 /metrics page, with its HELP and TYPE lines. */
    private static final String NODE_EXPORTER = """
            # HELP go_gc_duration_seconds A summary of the pause duration of garbage collection cycles.
            # TYPE go_gc_duration_seconds summary
            go_gc_duration_seconds{quantile="0"} 2.5949e-05
            go_gc_duration_seconds{quantile="0.25"} 3.4367e-05
            go_gc_duration_seconds{quantile="0.5"} 4.2218e-05
            go_gc_duration_seconds{quantile="0.75"} 5.9413e-05
            go_gc_duration_seconds{quantile="1"} 0.000342881
            go_gc_duration_seconds_sum 0.157245366
            go_gc_duration_seconds_count 2837
            # HELP go_goroutines Number of goroutines that currently exist.
            # TYPE go_goroutines gauge
            go_goroutines 8
            # HELP go_info Information about the Go environment.
            # TYPE go_info gauge
            go_info{version="go1.21.4"} 1
            # HELP node_cpu_seconds_total Seconds the CPUs spent in each mode.
            # TYPE node_cpu_seconds_total counter
            node_cpu_seconds_total{cpu="0",mode="idle"} 1.52364542e+06
            node_cpu_seconds_total{cpu="0",mode="iowait"} 4177.48
            node_cpu_seconds_total{cpu="0",mode="irq"} 0
            node_cpu_seconds_total{cpu="0",mode="nice"} 63.92
            node_cpu_seconds_total{cpu="0",mode="softirq"} 1187.19
            node_cpu_seconds_total{cpu="0",mode="steal"} 0
            node_cpu_seconds_total{cpu="0",mode="system"} 7919.27
            node_cpu_seconds_total{cpu="0",mode="user"} 21462.26
            node_cpu_seconds_total{cpu="1",mode="idle"} 1.52440618e+06
            node_cpu_seconds_total{cpu="1",mode="user"} 21096.73
            # HELP node_filesystem_avail_bytes Filesystem space available to non-root users in bytes.
            # TYPE node_filesystem_avail_bytes gauge
            node_filesystem_avail_bytes{device="/dev/nvme0n1p1",fstype="vfat",mountpoint="/boot/efi"} 5.35801856e+08
            node_filesystem_avail_bytes{device="/dev/nvme0n1p2",fstype="ext4",mountpoint="/"} 3.8722224128e+11
            node_filesystem_avail_bytes{device="tmpfs",fstype="tmpfs",mountpoint="/run"} 3.3366016e+09
            # HELP node_filesystem_device_error Whether an error occurred while getting statistics for the given device.
            # TYPE node_filesystem_device_error gauge
            node_filesystem_device_error{device="/dev/nvme0n1p2",fstype="ext4",mountpoint="/"} 0
            # HELP node_filesystem_files_free Filesystem total free file nodes.
            # TYPE node_filesystem_files_free gauge
            node_filesystem_files_free{device="/dev/nvme0n1p2",fstype="ext4",mountpoint="/"} 2.9571381e+07
            # HELP node_filesystem_size_bytes Filesystem size in bytes.
            # TYPE node_filesystem_size_bytes gauge
            node_filesystem_size_bytes{device="/dev/nvme0n1p2",fstype="ext4",mountpoint="/"} 4.9041604608e+11
            # HELP node_load1 1m load average.
            # TYPE node_load1 gauge
            node_load1 0.42
            # HELP node_systemd_unit_state Systemd unit
            # TYPE node_systemd_unit_state gauge
            node_systemd_unit_state{name="dev-disk-by\\\\x2duuid-4a1b.swap",state="active",type="swap"} 1
            # HELP node_textfile_mtime_seconds Unixtime mtime of textfiles successfully read.
            # TYPE node_textfile_mtime_seconds gauge
            node_textfile_mtime_seconds{file="/var/lib/node_exporter/backup.prom"} 1.700000123e+09
            backup_last_message{text="quoted \\"ok\\"\\nsecond line"} 1 1795341599000
            # HELP node_uname_info Labeled system information as provided by the uname system call.
            # TYPE node_uname_info gauge
            node_uname_info{domainname="(none)",machine="x86_64",nodename="web-3",release="6.5.0-14-generic",sysname="Linux",version="#14~22.04.1-Ubuntu SMP PREEMPT_DYNAMIC Mon Nov 20 18:15:30 UTC 2"} 1
            # HELP prometheus_http_request_duration_seconds Histogram of latencies for HTTP requests.
            # TYPE prometheus_http_request_duration_seconds histogram
            prometheus_http_request_duration_seconds_bucket{handler="/metrics",le="0.1"} 25547
            prometheus_http_request_duration_seconds_bucket{handler="/metrics",le="0.2"} 25550
            prometheus_http_request_duration_seconds_bucket{handler="/metrics",le="0.4"} 25550
            prometheus_http_request_duration_seconds_bucket{handler="/metrics",le="1"} 25550
            prometheus_http_request_duration_seconds_bucket{handler="/metrics",le="+Inf"} 25550
            prometheus_http_request_duration_seconds_sum{handler="/metrics"} 147.5399690270001
            prometheus_http_request_duration_seconds_count{handler="/metrics"} 25550
            # HELP process_start_time_seconds Start time of the process since unix epoch in seconds.
            # TYPE process_start_time_seconds gauge
            process_start_time_seconds 1.70098104752e+09
            # HELP promhttp_metric_handler_errors_total Total number of internal errors encountered by the promhttp metric handler.
            # TYPE promhttp_metric_handler_errors_total counter
            promhttp_metric_handler_errors_total{cause="encoding"} 0
            promhttp_metric_handler_errors_total{cause="gathering"} 0
            """;

    /** The OpenMetrics 1.0 specification's examples, with exemplars, _created samples, UNIT and # EOF. */
    private static final String OPEN_METRICS = """
            # TYPE acme_http_router_request_seconds summary
            # UNIT acme_http_router_request_seconds seconds
            # HELP acme_http_router_request_seconds Latency though all of ACME's HTTP request router.
            acme_http_router_request_seconds_sum{path="/api/v1",method="GET"} 9036.32
            acme_http_router_request_seconds_count{path="/api/v1",method="GET"} 807283.0
            acme_http_router_request_seconds_created{path="/api/v1",method="GET"} 1605281325.0
            # TYPE go_goroutines gauge
            # HELP go_goroutines Number of goroutines that currently exist.
            go_goroutines 69
            # TYPE process_cpu_seconds counter
            # UNIT process_cpu_seconds seconds
            process_cpu_seconds_total 4.20072246e+06
            process_cpu_seconds_created 1.6052813e+09
            # TYPE foo histogram
            foo_bucket{le="0.01"} 0
            foo_bucket{le="0.1"} 8 # {} 0.054
            foo_bucket{le="1"} 11 # {trace_id="KOO5S4vxi0o"} 0.67
            foo_bucket{le="10"} 17 # {trace_id="oHg5SJYRHA0"} 9.8 1520879607.789
            foo_bucket{le="+Inf"} 17
            foo_count 17
            foo_sum 324789.3
            foo_created 1520430000.123
            # TYPE my_build_info info
            my_build_info_info{version="1.2.3"} 1
            # TYPE door_state stateset
            door_state{door_state="open"} 1 1520879607.789
            door_state{door_state="closed"} 0 1520879607.7
            # TYPE request_age_seconds gauge
            request_age_seconds_created 5
            # EOF
            """;

    private static ParsedSamples parse(String body, Format format) {
        return parse(body, format, MetricLimits.defaults());
    }

    private static ParsedSamples parse(String body, Format format, MetricLimits limits) {
        return new PrometheusTextParser(limits).parse(body.getBytes(StandardCharsets.UTF_8), format, SCRAPE_TIME, Labels.EMPTY);
    }

    private static MetricSample find(ParsedSamples parsed, String name, Labels labels) {
        return parsed.accepted().stream().filter(sample -> sample.series().name().equals(name) && sample.series().labels().equals(labels))
                .findFirst().orElseThrow(() -> new AssertionError("no sample " + name + labels + " in " + parsed.accepted()));
    }

    private static String onlyErrorOf(String body, Format format) {
        return onlyError(parse(body, format));
    }

    @Test
    void readsANodeExporterPage() {
        ParsedSamples parsed = new PrometheusTextParser(MetricLimits.defaults())
                .parse(NODE_EXPORTER.getBytes(StandardCharsets.UTF_8), Format.TEXT_0_0_4, SCRAPE_TIME, TARGET);
        assertEquals(List.of(), parsed.errors());
        long sampleLines = NODE_EXPORTER.lines().filter(line -> !line.startsWith("#")).count();
        assertEquals(sampleLines, parsed.accepted().size());
        assertEquals(new MetricSample("node_cpu_seconds_total", Labels.of("cpu", "0", "mode", "idle", "job", "node", "instance", "web-3:9100"),
                SCRAPE_TIME, 1.52364542e+06), find(parsed, "node_cpu_seconds_total", Labels.of("cpu", "0", "mode", "idle", "job", "node",
                "instance", "web-3:9100")));
        assertEquals(3.4367e-05, find(parsed, "go_gc_duration_seconds", TARGET.with("quantile", "0.25")).value());
        assertEquals(2837, find(parsed, "go_gc_duration_seconds_count", TARGET).value());
        assertEquals(3.8722224128e+11, find(parsed, "node_filesystem_avail_bytes",
                TARGET.with("device", "/dev/nvme0n1p2").with("fstype", "ext4").with("mountpoint", "/")).value());
        assertEquals(25550, find(parsed, "prometheus_http_request_duration_seconds_bucket",
                TARGET.with("handler", "/metrics").with("le", "+Inf")).value());
        assertEquals(147.5399690270001, find(parsed, "prometheus_http_request_duration_seconds_sum", TARGET.with("handler", "/metrics")).value());
        assertEquals("#14~22.04.1-Ubuntu SMP PREEMPT_DYNAMIC Mon Nov 20 18:15:30 UTC 2",
                parsed.accepted().stream().filter(sample -> sample.series().name().equals("node_uname_info")).findFirst().orElseThrow()
                        .series().labels().get("version"));
        assertEquals("dev-disk-by\\x2duuid-4a1b.swap", parsed.accepted().stream()
                .filter(sample -> sample.series().name().equals("node_systemd_unit_state")).findFirst().orElseThrow().series().labels().get("name"));
        MetricSample withTimestamp = find(parsed, "backup_last_message", TARGET.with("text", "quoted \"ok\"\nsecond line"));
        assertEquals(1_795_341_599_000L, withTimestamp.timestampMillis());
    }

    @Test
    void readsTheOpenMetricsExamplesDroppingCreatedSamplesAndExemplars() {
        ParsedSamples parsed = parse(OPEN_METRICS, Format.OPEN_METRICS);
        assertEquals(List.of(), parsed.errors());
        assertEquals(List.of("acme_http_router_request_seconds_sum", "acme_http_router_request_seconds_count", "go_goroutines",
                "process_cpu_seconds_total", "foo_bucket", "foo_bucket", "foo_bucket", "foo_bucket", "foo_bucket", "foo_count", "foo_sum",
                "my_build_info_info", "door_state", "door_state", "request_age_seconds_created"),
                parsed.accepted().stream().map(sample -> sample.series().name()).toList());
        assertEquals(17, find(parsed, "foo_bucket", Labels.of("le", "10")).value());
        assertEquals(SCRAPE_TIME, find(parsed, "foo_bucket", Labels.of("le", "10")).timestampMillis(), "the exemplar's timestamp is not the sample's");
        assertEquals(1_520_879_607_789L, find(parsed, "door_state", Labels.of("door_state", "open")).timestampMillis());
        assertEquals(1_520_879_607_700L, find(parsed, "door_state", Labels.of("door_state", "closed")).timestampMillis());
        assertEquals(807283.0, find(parsed, "acme_http_router_request_seconds_count", Labels.of("path", "/api/v1", "method", "GET")).value());
    }

    @Test
    void theTextFormatKeepsCreatedSeriesAndReadsTimestampsAsMilliseconds() {
        ParsedSamples parsed = parse("# TYPE foo counter\nfoo_total 3 1795341600123\nfoo_created 1.7e9\n", Format.TEXT_0_0_4);
        assertEquals(List.of(new MetricSample("foo_total", Labels.EMPTY, 1_795_341_600_123L, 3),
                new MetricSample("foo_created", Labels.EMPTY, SCRAPE_TIME, 1.7e9)), parsed.accepted());
    }

    @Test
    void openMetricsTimestampsAreSecondsRoundedDownToMilliseconds() {
        ParsedSamples parsed = parse("a 1 1795341600\nb 1 1795341600.5\nc 1 1795341600.1239\nd 1 1.7953416e9\ne 1 -0.0015\n# EOF\n",
                Format.OPEN_METRICS);
        assertEquals(List.of(1_795_341_600_000L, 1_795_341_600_500L, 1_795_341_600_123L, 1_795_341_600_000L, -2L),
                parsed.accepted().stream().map(MetricSample::timestampMillis).toList());
    }

    @Test
    void readsEveryValueSpelling() {
        String body = """
                a 1
                a{v="exp"} 1.5E+3
                a{v="neg"} -2.5e-3
                a{v="nan"} NaN
                a{v="inf"} +Inf
                a{v="ninf"} -Inf
                a{v="lower"} -inf
                a{v="nz"} -0
                a{v="dot"} .5
                a{v="long"} 3.14159265358979323846
                a{v="big"} 123456789012345678901234567890
                """;
        List<Double> values = parse(body, Format.TEXT_0_0_4).accepted().stream().map(MetricSample::value).toList();
        assertEquals(List.of(1.0, 1500.0, -2.5e-3, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.NEGATIVE_INFINITY, -0.0, 0.5, Math.PI, 1.2345678901234568e29), values);
    }

    @Test
    void toleratesBlanksTabsTrailingCommasAndCrLf() {
        ParsedSamples parsed = parse("  a {x = \"1\" , y=\"2\",}\t7  \t 1795341600000 \r\n\r\n\t# comment\r\n", Format.TEXT_0_0_4);
        assertEquals(List.of(new MetricSample("a", Labels.of("x", "1", "y", "2"), SCRAPE_TIME, 7)), parsed.accepted());
        assertEquals(0, parsed.rejected());
    }

    @Test
    void targetLabelsWinAndClashingExposedLabelsAreExported() {
        String body = "up{job=\"pushed\",instance=\"a\",exported_job=\"older\",zone=\"\"} 1\n";
        ParsedSamples parsed = new PrometheusTextParser(MetricLimits.defaults())
                .parse(body.getBytes(StandardCharsets.UTF_8), Format.TEXT_0_0_4, SCRAPE_TIME, TARGET.with("zone", "eu"));
        assertEquals(Labels.of("job", "node", "instance", "web-3:9100", "zone", "eu", "exported_instance", "a",
                "exported_exported_job", "pushed", "exported_job", "older"), parsed.accepted().getFirst().series().labels());
    }

    @Test
    void namesEachProblemOfASampleLine() {
        Format text = Format.TEXT_0_0_4;
        assertEquals("line does not start with a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*): '0abc 1'", onlyErrorOf("0abc 1", text));
        assertEquals("line does not start with a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*): '{a=\"b\"} 1'", onlyErrorOf("{a=\"b\"} 1", text));
        assertEquals("invalid character '-' in metric name 'http-requests 1'; names match [a-zA-Z_:][a-zA-Z0-9_:]*",
                onlyErrorOf("http-requests 1", text));
        assertEquals("sample of 'up' has no value", onlyErrorOf("up", text));
        assertEquals("sample of 'up' has no value", onlyErrorOf("up{a=\"b\"}   ", text));
        assertEquals("value 'one' of 'up' is not a number (Go float syntax, NaN, +Inf or -Inf)", onlyErrorOf("up one", text));
        assertEquals("value '0x1p3' of 'up' is not a number (Go float syntax, NaN, +Inf or -Inf)", onlyErrorOf("up 0x1p3", text));
        assertEquals("value '1e' of 'up' is not a number (Go float syntax, NaN, +Inf or -Inf)", onlyErrorOf("up 1e", text));
        assertEquals("value '+NaN' of 'up' is not a number (Go float syntax, NaN, +Inf or -Inf)", onlyErrorOf("up +NaN", text));
        assertEquals("timestamp '1.5' of 'up' is not an integer number of milliseconds (text format 0.0.4 timestamps are integer "
                + "milliseconds since the epoch)", onlyErrorOf("up 1 1.5", text));
        assertEquals("timestamp '99999999999999999999' of 'up' is out of range (text format 0.0.4 timestamps are integer milliseconds "
                + "since the epoch)", onlyErrorOf("up 1 99999999999999999999", text));
        assertEquals("unexpected '3' after the timestamp of 'up'", onlyErrorOf("up 1 2 3", text));
        assertEquals("label set of 'up' is not closed with '}'", onlyErrorOf("up{a=\"b\",", text));
        assertEquals("expected ',' or '}' after label 'a' of 'up'", onlyErrorOf("up{a=\"b\" 1", text));
        assertEquals("value of label 'a' of 'up' is not closed with '\"'", onlyErrorOf("up{a=\"b} 1", text));
        assertEquals("value of label 'a' of 'up' is not closed with '\"'", onlyErrorOf("up{a=\"b\\\"} 1", text));
        assertEquals("label 'a' of 'up' has no '=' and value", onlyErrorOf("up{a} 1", text));
        assertEquals("value of label 'a' of 'up' is not a double-quoted string", onlyErrorOf("up{a=b} 1", text));
        assertEquals("invalid label name at '1a=\"b\"} 1' in 'up'; label names match [a-zA-Z_][a-zA-Z0-9_]*", onlyErrorOf("up{1a=\"b\"} 1", text));
        assertEquals("invalid label name at ',} 1' in 'up'; label names match [a-zA-Z_][a-zA-Z0-9_]*", onlyErrorOf("up{,} 1", text));
        assertEquals("invalid escape '\\t' in the value of label 'a' of 'up'; only \\\\, \\\" and \\n are allowed",
                onlyErrorOf("up{a=\"x\\ty\"} 1", text));
        assertEquals("label 'a' appears twice in a sample of 'up'", onlyErrorOf("up{a=\"1\",a=\"2\"} 1", text));
        assertEquals("'# TYPE foo' has type 'countr', not one of counter, gauge, histogram, summary, untyped, unknown, stateset, info, "
                + "gaugehistogram", onlyErrorOf("# TYPE foo countr", text));
        assertEquals("'# TYPE' line names no valid metric ([a-zA-Z_:][a-zA-Z0-9_:]*): 'foo-bar counter'", onlyErrorOf("# TYPE foo-bar counter", text));
        ParsedSamples invalidUtf8 = new PrometheusTextParser(MetricLimits.defaults()).parse(
                new byte[] {'u', 'p', '{', 'a', '=', '"', (byte) 0xc3, (byte) 0x28, '"', '}', ' ', '1'}, text, SCRAPE_TIME, Labels.EMPTY);
        assertEquals("value of label 'a' of 'up' is not valid utf-8", onlyError(invalidUtf8));
    }

    @Test
    void namesEachOpenMetricsProblem() {
        Format openMetrics = Format.OPEN_METRICS;
        assertEquals("timestamp 'soon' of 'up' is not a number of seconds (openmetrics timestamps are seconds since the epoch)",
                onlyErrorOf("up 1 soon\n# EOF\n", openMetrics));
        assertEquals("timestamp 'NaN' of 'up' is not a finite number of seconds (openmetrics timestamps are seconds since the epoch)",
                onlyErrorOf("up 1 NaN\n# EOF\n", openMetrics));
        assertEquals("timestamp '1e300' of 'up' is out of range (openmetrics timestamps are seconds since the epoch)",
                onlyErrorOf("up 1 1e300\n# EOF\n", openMetrics));
        ParsedSamples afterEof = parse("up 1\n# EOF\nup 2\n\nlate 3\n", openMetrics);
        assertEquals(List.of(new LineError(3, ErrorCode.INVALID_SAMPLE, "line follows '# EOF', which ends an openmetrics exposition"),
                new LineError(5, ErrorCode.INVALID_SAMPLE, "line follows '# EOF', which ends an openmetrics exposition")), afterEof.errors());
        assertEquals(1, afterEof.accepted().size());
        ParsedSamples truncated = parse("up 1\nup{a=\"b\"} 2\n", openMetrics);
        assertEquals(2, truncated.accepted().size(), "the samples of a body without # EOF are kept");
        assertEquals(List.of(new LineError(3, ErrorCode.INVALID_SAMPLE, "openmetrics exposition does not end with '# EOF'; it may be truncated")),
                truncated.errors());
        assertEquals(0, parse("up 1\n# EOF\n", Format.TEXT_0_0_4).rejected() + parse("up 1\n", Format.TEXT_0_0_4).rejected(),
                "the text format 0.0.4 has no terminator");
    }

    @Test
    void enforcesTheLimitsPerLine() {
        MetricLimits limits = new MetricLimits(100, 2, 8, 60);
        Format text = Format.TEXT_0_0_4;
        assertEquals("sample of 'up' has more than 2 labels (target labels included), the limit of ingest.max_fields_per_event",
                onlyError(parse("up{a=\"1\",b=\"2\",c=\"3\"} 1", text, limits)));
        assertEquals(1, parse("up{a=\"1\",b=\"2\",c=\"\"} 1", text, limits).accepted().size(), "an empty label is no label");
        ParsedSamples withTarget = new PrometheusTextParser(limits).parse("up{a=\"1\",b=\"2\"} 1".getBytes(StandardCharsets.UTF_8), text,
                SCRAPE_TIME, Labels.of("job", "node"));
        assertEquals("sample of 'up' has more than 2 labels (target labels included), the limit of ingest.max_fields_per_event",
                onlyError(withTarget));
        assertEquals("value of label 'a' of 'up' is 10 bytes, more than the limit of 8 (ingest.max_label_value_bytes)",
                onlyError(parse("up{a=\"\u00e9\u00e9\u00e9\u00e9\u00e9\"} 1", text, limits)));
        assertEquals("value of label 'a' of 'up' is 9 bytes, more than the limit of 8 (ingest.max_label_value_bytes)",
                onlyError(parse("up{a=\"123456789\"} 1", text, limits)));
        assertEquals("label name 'long_name' of 'up' is 9 bytes, more than the limit of 8 (ingest.max_label_value_bytes)",
                onlyError(parse("up{long_name=\"1\"} 1", text, limits)));
        assertEquals("metric name 'requests_total' is 14 bytes, more than the limit of 8 (ingest.max_label_value_bytes)",
                onlyError(parse("requests_total 1", text, limits)));
        String longSample = "up{a=\"" + "x".repeat(70) + "\"} 1";
        String longHelp = "# HELP up " + "y".repeat(60);
        ParsedSamples tooLong = parse(longSample + "\nup 2\n" + longHelp + "\n", text, limits);
        assertEquals(List.of(new LineError(1, ErrorCode.INVALID_SAMPLE, "line is 80 bytes, more than the limit of 60 (ingest.max_line_bytes)"),
                new LineError(3, ErrorCode.INVALID_SAMPLE, "line is 70 bytes, more than the limit of 60 (ingest.max_line_bytes)")), tooLong.errors());
        assertEquals(1, tooLong.accepted().size());
    }

    @Test
    void tooManySamplesRefuseTheWholeExposition() {
        MetricLimits limits = new MetricLimits(3, 64, 4096, 1 << 20);
        assertEquals(3, parse("# TYPE a gauge\na 1\nb 2\n# comment\nc 3\n", Format.TEXT_0_0_4, limits).accepted().size());
        LoupeException refused = assertThrows(LoupeException.class, () -> parse("a 1\nb 2\nbad\nc 3\n", Format.TEXT_0_0_4, limits));
        assertEquals(ErrorCode.TOO_MANY_EVENTS, refused.code());
        assertEquals("body has more than 3 samples, the limit of ingest.max_events_per_request; send smaller batches or raise the limit",
                refused.getMessage());
    }

    @Test
    void choosesTheFormatFromTheContentType() {
        assertEquals(Format.OPEN_METRICS, Format.ofContentType("application/openmetrics-text; version=1.0.0; charset=utf-8"));
        assertEquals(Format.OPEN_METRICS, Format.ofContentType(" Application/OpenMetrics-Text"));
        assertEquals(Format.TEXT_0_0_4, Format.ofContentType("text/plain; version=0.0.4; charset=utf-8"));
        assertEquals(Format.TEXT_0_0_4, Format.ofContentType(""));
        assertEquals(Format.TEXT_0_0_4, Format.ofContentType(null));
    }

    @Test
    void repeatedNamesAndValuesShareOneString() {
        ParsedSamples parsed = parse("node_load1{host=\"a\"} 1\nnode_load1{host=\"a\"} 2\n", Format.TEXT_0_0_4);
        MetricSample first = parsed.accepted().get(0);
        MetricSample second = parsed.accepted().get(1);
        assertTrue(first.series().name() == second.series().name(), "metric name made once");
        assertTrue(first.series().labels().get("host") == second.series().labels().get("host"), "label value made once");
    }

    @Test
    void pathologicalLinesCostLinearTime() {
        MetricLimits limits = new MetricLimits(50_000, 100_000, 1 << 20, 4 << 20);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            String manyEmptyLabels = "up{" + "a=\"\",".repeat(200_000) + "} 1";
            assertEquals(1, parse(manyEmptyLabels, Format.TEXT_0_0_4, limits).accepted().size());
            StringBuilder manyLabels = new StringBuilder("up{");
            for (int i = 0; i < 50_000; i++) {
                manyLabels.append("l").append(i).append("=\"v\",");
            }
            assertEquals(1, parse(manyLabels.append("} 1").toString(), Format.TEXT_0_0_4, limits).accepted().size());
            assertEquals("label 'l0' appears twice in a sample of 'up'",
                    onlyError(parse(manyLabels.toString().replace("l49999=", "l0="), Format.TEXT_0_0_4, limits)));
            String escapes = "up{a=\"" + "\\\\\\\"\\\\n".repeat(100_000) + "\"} 1";
            assertEquals(1, parse(escapes, Format.TEXT_0_0_4, limits).accepted().size());
            String digits = "up " + "9".repeat(1_000_000) + " " + "1".repeat(1_000_000);
            assertEquals(1, parse(digits, Format.TEXT_0_0_4, limits).rejected());
            assertEquals(1, parse("up 1 " + "1".repeat(1_000_000) + ".5\n# EOF\n", Format.OPEN_METRICS, limits).rejected());
            assertEquals(1, parse("up " + "1".repeat(1_000_000) + "e-999999 1.5\n# EOF\n", Format.OPEN_METRICS, limits).accepted().size());
        });
    }
}
