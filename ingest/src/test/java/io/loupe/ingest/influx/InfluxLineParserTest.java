package io.loupe.ingest.influx;

import static io.loupe.ingest.parse.ParsedSamplesAssertions.onlyError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.Labels;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.MetricSample;
import io.loupe.ingest.parse.LineError;
import io.loupe.ingest.parse.MetricLimits;
import io.loupe.ingest.parse.ParsedSamples;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InfluxLineParserTest {
    private static final long RECEIVED = 1_795_341_630_000L;
    private static final long T = 1_795_341_600_000L;

    /** What Telegraf 1.28 writes for a host with its default inputs, plus line protocol's escaping corner cases. */
    private static final String TELEGRAF = """
            # telegraf output, one batch
            cpu,cpu=cpu-total,host=web-3 usage_idle=97.46,usage_user=1.52,usage_system=0.76,usage_iowait=0.1 1795341600000000000
            mem,host=web-3 total=16777216000i,available=8000000000i,used_percent=52.3 1795341600000000000
            disk,device=nvme0n1p2,fstype=ext4,host=web-3,mode=rw,path=/ free=387222241280i,used_percent=20.7 1795341600000000000
            system,host=web-3 load1=0.42,n_cpus=8i,uptime=123456u 1795341600000000000
            system,host=web-3 uptime_format="1 day,  10:17" 1795341600000000000
            net,host=web-3,interface=eth0 bytes_recv=123456789i,err_in=0i 1795341600000000000
            win_perf_counters,instance=C:\\\\Program\\ Files\\\\app.exe,objectname=Process Percent_Processor_Time=1.5 1795341600000000000
            my\\ measurement,tag\\,key=tag\\=value\\ with\\ spaces field\\ key=1,flag=true,str="he said \\"hi\\", \\\\o/",off=F 1795341600000000000

            temperature value=21.5
            jolokia2_java,host=web-3 HeapMemoryUsage.used=123.5,2xx=3i 1795341600999999999
            """;

    private static ParsedSamples parse(String body) {
        return parse(body, Precision.NANOSECONDS, MetricLimits.defaults());
    }

    private static ParsedSamples parse(String body, Precision precision, MetricLimits limits) {
        return new InfluxLineParser(limits).parse(body.getBytes(StandardCharsets.UTF_8), precision, RECEIVED);
    }

    private static String onlyErrorOf(String body) {
        return onlyError(parse(body));
    }

    @Test
    void readsTelegrafOutput() {
        ParsedSamples parsed = parse(TELEGRAF);
        Labels host = Labels.of("host", "web-3");
        assertEquals(List.of(
                new MetricSample("cpu_usage_idle", host.with("cpu", "cpu-total"), T, 97.46),
                new MetricSample("cpu_usage_user", host.with("cpu", "cpu-total"), T, 1.52),
                new MetricSample("cpu_usage_system", host.with("cpu", "cpu-total"), T, 0.76),
                new MetricSample("cpu_usage_iowait", host.with("cpu", "cpu-total"), T, 0.1),
                new MetricSample("mem_total", host, T, 16_777_216_000.0),
                new MetricSample("mem_available", host, T, 8_000_000_000.0),
                new MetricSample("mem_used_percent", host, T, 52.3),
                new MetricSample("disk_free", Labels.of("device", "nvme0n1p2", "fstype", "ext4", "host", "web-3", "mode", "rw", "path", "/"),
                        T, 387_222_241_280.0),
                new MetricSample("disk_used_percent", Labels.of("device", "nvme0n1p2", "fstype", "ext4", "host", "web-3", "mode", "rw",
                        "path", "/"), T, 20.7),
                new MetricSample("system_load1", host, T, 0.42),
                new MetricSample("system_n_cpus", host, T, 8),
                new MetricSample("system_uptime", host, T, 123_456),
                new MetricSample("net_bytes_recv", host.with("interface", "eth0"), T, 123_456_789),
                new MetricSample("net_err_in", host.with("interface", "eth0"), T, 0),
                new MetricSample("win_perf_counters_Percent_Processor_Time",
                        Labels.of("instance", "C:\\Program Files\\app.exe", "objectname", "Process"), T, 1.5),
                new MetricSample("my_measurement_field_key", Labels.of("tag_key", "tag=value with spaces"), T, 1),
                new MetricSample("my_measurement_flag", Labels.of("tag_key", "tag=value with spaces"), T, 1),
                new MetricSample("my_measurement_off", Labels.of("tag_key", "tag=value with spaces"), T, 0),
                new MetricSample("temperature", Labels.EMPTY, RECEIVED, 21.5),
                new MetricSample("jolokia2_java_HeapMemoryUsage_used", host, T + 999, 123.5),
                new MetricSample("jolokia2_java_2xx", host, T + 999, 3)), parsed.accepted());
        assertEquals(List.of(
                new LineError(6, ErrorCode.INVALID_SAMPLE, "string field 'uptime_format' of measurement 'system' cannot be stored as a metric sample"),
                new LineError(9, ErrorCode.INVALID_SAMPLE, "string field 'str' of measurement 'my measurement' cannot be stored as a metric sample")),
                parsed.errors());
    }

    @Test
    void readsEveryFieldType() {
        ParsedSamples parsed = parse("m a=1,b=-1.5e3,c=-9223372036854775808i,d=18446744073709551615u,e=t,f=TRUE,g=False,h=f,i=.5,j=-0\n");
        assertEquals(List.of(1.0, -1500.0, -9.223372036854775808e18, 1.8446744073709552e19, 1.0, 1.0, 0.0, 0.0, 0.5, -0.0),
                parsed.accepted().stream().map(MetricSample::value).toList());
    }

    @Test
    void precisionSetsTheTimestampUnit() {
        assertEquals(T, parse("m v=1 1795341600", Precision.SECONDS, MetricLimits.defaults()).accepted().getFirst().timestampMillis());
        assertEquals(T + 1, parse("m v=1 1795341600001", Precision.MILLISECONDS, MetricLimits.defaults()).accepted().getFirst().timestampMillis());
        assertEquals(T + 1, parse("m v=1 1795341600001999", Precision.MICROSECONDS, MetricLimits.defaults()).accepted().getFirst().timestampMillis());
        assertEquals(T, parse("m v=1 29922360", Precision.MINUTES, MetricLimits.defaults()).accepted().getFirst().timestampMillis());
        assertEquals(T, parse("m v=1 498706", Precision.HOURS, MetricLimits.defaults()).accepted().getFirst().timestampMillis());
        assertEquals(-1, parse("m v=1 -1", Precision.NANOSECONDS, MetricLimits.defaults()).accepted().getFirst().timestampMillis(),
                "rounded down, also before 1970");
    }

    @Test
    void precisionParameterAcceptsTheV1AndV2Spellings() {
        assertEquals(Precision.NANOSECONDS, Precision.fromParameter(null));
        assertEquals(Precision.NANOSECONDS, Precision.fromParameter(""));
        assertEquals(Precision.NANOSECONDS, Precision.fromParameter("ns"));
        assertEquals(Precision.NANOSECONDS, Precision.fromParameter("n"));
        assertEquals(Precision.MICROSECONDS, Precision.fromParameter("us"));
        assertEquals(Precision.MICROSECONDS, Precision.fromParameter("u"));
        assertEquals(Precision.MILLISECONDS, Precision.fromParameter("ms"));
        assertEquals(Precision.SECONDS, Precision.fromParameter("s"));
        assertEquals(Precision.MINUTES, Precision.fromParameter("m"));
        assertEquals(Precision.HOURS, Precision.fromParameter("h"));
        LoupeException unknown = assertThrows(LoupeException.class, () -> Precision.fromParameter("sec"));
        assertEquals(ErrorCode.INVALID_PARAMETER, unknown.code());
        assertEquals("precision 'sec' is not one of ns, us, ms, s (influxdb v2) or n, u, ms, s, m, h (influxdb v1)", unknown.getMessage());
    }

    @Test
    void namesEachProblemOfALine() {
        assertEquals("line of measurement 'cpu' has no fields", onlyErrorOf("cpu"));
        assertEquals("line of measurement 'cpu' has no fields", onlyErrorOf("cpu,host=a   "));
        assertEquals("line does not start with a measurement: ',host=a usage=1'", onlyErrorOf(",host=a usage=1"));
        assertEquals("tag 'host' of measurement 'cpu' has no value (tags are key=value)", onlyErrorOf("cpu,host usage=1"));
        assertEquals("empty tag key in measurement 'cpu'", onlyErrorOf("cpu,=a usage=1"));
        assertEquals("field 'usage' of measurement 'cpu' has no value (fields are key=value)", onlyErrorOf("cpu usage"));
        assertEquals("field 'usage' of measurement 'cpu' has no value", onlyErrorOf("cpu usage="));
        assertEquals("field 'usage' of measurement 'cpu' has no value", onlyErrorOf("cpu usage=,idle=1"));
        assertEquals("empty field key in measurement 'cpu': '=1'", onlyErrorOf("cpu =1"));
        assertEquals("string value of field 'msg' of measurement 'cpu' is not closed with '\"'", onlyErrorOf("cpu msg=\"open,idle=1"));
        assertEquals("unexpected 'x idle=1' after field 'msg' of measurement 'cpu'", onlyErrorOf("cpu msg=\"a\"x idle=1"));
        assertEquals("timestamp 'now' is not a 64-bit integer", onlyErrorOf("cpu usage=1 now"));
        assertEquals("timestamp '9223372036854775808' is not a 64-bit integer", onlyErrorOf("cpu usage=1 9223372036854775808"));
        assertEquals("unexpected '456' after the timestamp", onlyErrorOf("cpu usage=1 123 456"));
        assertEquals("timestamp '9223372036854775807' is out of range for precision seconds",
                onlyError(parse("cpu usage=1 9223372036854775807", Precision.SECONDS, MetricLimits.defaults())));
        assertEquals("tag 'host' appears twice in a line of measurement 'cpu' (tag keys are compared after invalid characters become '_')",
                onlyErrorOf("cpu,host=a,host=b usage=1"));
        assertEquals("tag 'host_name' appears twice in a line of measurement 'cpu' (tag keys are compared after invalid characters become '_')",
                onlyErrorOf("cpu,host.name=a,host_name=b usage=1"));
        ParsedSamples invalidUtf8 = new InfluxLineParser(MetricLimits.defaults()).parse(
                new byte[] {'c', 'p', 'u', ',', 'h', '=', (byte) 0xc3, (byte) 0x28, ' ', 'v', '=', '1'}, Precision.NANOSECONDS, RECEIVED);
        assertEquals("tag value '\ufffd(' is not valid utf-8", onlyError(invalidUtf8));
    }

    @Test
    void aBadFieldIsRejectedAndTheOtherFieldsOfItsLineKept() {
        ParsedSamples parsed = parse("cpu,host=a usage=abc,idle=97,big=99999999999999999999i,neg=-1u,huge=1e999,msg=\"x\",ok=1i 1795341600000000000");
        assertEquals(List.of(new MetricSample("cpu_idle", Labels.of("host", "a"), T, 97), new MetricSample("cpu_ok", Labels.of("host", "a"), T, 1)),
                parsed.accepted());
        assertEquals(List.of(
                "value 'abc' of field 'usage' of measurement 'cpu' is not a float, an integer (12i), an unsigned integer (12u) or a boolean (t, f, true, false)",
                "value '99999999999999999999i' of field 'big' of measurement 'cpu' is out of the range of a 64-bit integer",
                "value '-1u' of field 'neg' of measurement 'cpu' is not a float, an integer (12i), an unsigned integer (12u) or a boolean (t, f, true, false)",
                "value '1e999' of field 'huge' of measurement 'cpu' is out of the range of a 64-bit float",
                "string field 'msg' of measurement 'cpu' cannot be stored as a metric sample"),
                parsed.errors().stream().map(LineError::message).toList());
        assertEquals(5, parsed.rejected());
        assertEquals(List.of(1, 1, 1, 1, 1), parsed.errors().stream().map(LineError::line).toList());
    }

    @Test
    void enforcesTheLimitsPerLine() {
        MetricLimits limits = new MetricLimits(100, 2, 8, 60);
        Precision ns = Precision.NANOSECONDS;
        assertEquals("line of measurement 'cpu' has more than 2 tags, the limit of ingest.max_fields_per_event",
                onlyError(parse("cpu,a=1,b=2,c=3 v=1", ns, limits)));
        assertEquals(2, parse("cpu,a=1,b=2,c= v=1,w=2", ns, limits).accepted().size(), "an empty tag is no label");
        assertEquals("value of tag 'a' of measurement 'cpu' is 10 bytes, more than the limit of 8 (ingest.max_label_value_bytes)",
                onlyError(parse("cpu,a=\u00e9\u00e9\u00e9\u00e9\u00e9 v=1", ns, limits)));
        assertEquals("value of tag 'a' of measurement 'cpu' is 9 bytes, more than the limit of 8 (ingest.max_label_value_bytes)",
                onlyError(parse("cpu,a=1234\\ 5678 v=1", ns, limits)));
        assertEquals("tag key 'long_name' of measurement 'cpu' is 9 bytes, more than the limit of 8 (ingest.max_label_value_bytes)",
                onlyError(parse("cpu,long_name=1 v=1", ns, limits)));
        ParsedSamples longName = parse("cpu value=1,usage_idle=2", ns, limits);
        assertEquals(List.of(new MetricSample("cpu", Labels.EMPTY, RECEIVED, 1)), longName.accepted());
        assertEquals(List.of(new LineError(1, ErrorCode.INVALID_SAMPLE,
                "metric name 'cpu_usage_idle' is 14 bytes, more than the limit of 8 (ingest.max_label_value_bytes)")), longName.errors());
        String longLine = "cpu,host=a v=1,w=" + "9".repeat(60);
        ParsedSamples tooLong = parse(longLine + "\ncpu v=2\n", ns, limits);
        assertEquals(List.of(new LineError(1, ErrorCode.INVALID_SAMPLE, "line is " + longLine.length()
                + " bytes, more than the limit of 60 (ingest.max_line_bytes)")), tooLong.errors());
        assertEquals(1, tooLong.accepted().size());
    }

    @Test
    void tooManySamplesRefuseTheWholeRequest() {
        MetricLimits limits = new MetricLimits(3, 64, 4096, 1 << 20);
        assertEquals(3, parse("# header\ncpu a=1,b=2\nmem c=3\n", Precision.NANOSECONDS, limits).accepted().size());
        LoupeException refused = assertThrows(LoupeException.class, () -> parse("cpu a=1,b=2\nmem c=3,d=4\n", Precision.NANOSECONDS, limits));
        assertEquals(ErrorCode.TOO_MANY_EVENTS, refused.code());
        assertEquals("body has more than 3 samples, the limit of ingest.max_events_per_request; send smaller batches or raise the limit",
                refused.getMessage());
    }

    @Test
    void pathologicalLinesCostLinearTime() {
        MetricLimits limits = new MetricLimits(1_000_000, 100_000, 1 << 20, 8 << 20);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertEquals(200_000, parse("cpu " + "v=1,".repeat(199_999) + "v=1", Precision.NANOSECONDS, limits).accepted().size());
            StringBuilder manyTags = new StringBuilder("cpu");
            for (int i = 0; i < 50_000; i++) {
                manyTags.append(",t").append(i).append("=x");
            }
            assertEquals(1, parse(manyTags.append(" v=1").toString(), Precision.NANOSECONDS, limits).accepted().size());
            assertEquals(1, parse("cpu,a=" + "\\\\\\ ".repeat(200_000) + " v=1", Precision.NANOSECONDS, limits).accepted().size());
            assertEquals(1, parse("cpu v=" + "9".repeat(1_000_000) + ".5", Precision.NANOSECONDS, limits).rejected());
            assertEquals(1, parse("cpu v=1 " + "9".repeat(1_000_000), Precision.NANOSECONDS, limits).rejected());
            assertEquals(1, parse("cpu s=\"" + "\\\"".repeat(500_000), Precision.NANOSECONDS, limits).rejected());
        });
    }
}
