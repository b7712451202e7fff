package io.loupe.ingest.prometheus;

import io.loupe.index.api.Labels;
import io.loupe.index.api.MetricSample;
import io.loupe.ingest.parse.InputExcerpt;
import io.loupe.ingest.parse.MetricLimits;
import io.loupe.ingest.parse.ParsedSamples;
import io.loupe.ingest.parse.SampleCollector;
import io.loupe.ingest.parse.SampleRejectedException;
import io.loupe.ingest.parse.TextLines;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Parses the Prometheus text exposition format 0.0.4 and OpenMetrics 1.0 text into metric samples.
 *
 * <pre>
 * exposition  --> (line '\n')* [line]          lines may end in "\r\n"
 * line        --> blank | comment | sample
 * comment     --> '#' [ 'HELP' name text | 'TYPE' name type | 'UNIT' name unit | 'EOF' | any text ]
 * sample      --> name [ '{' [label (',' label)* [',']] '}' ] value [timestamp] [ '#' exemplar ]
 * label       --> labelname '=' '"' (char | '\\' | '\"' | '\n')* '"'
 * name        --> [a-zA-Z_:][a-zA-Z0-9_:]*        labelname --> [a-zA-Z_][a-zA-Z0-9_]*
 * value       --> Go float syntax, or NaN, Inf, +Inf, -Inf (any case)
 * timestamp   --> 0.0.4: integer milliseconds;  OpenMetrics: seconds, fraction allowed
 * </pre>
 *
 * Blanks between tokens may be spaces or tabs, one or more. Both formats accept every metric type
 * of either. What differs by format: the timestamp unit; OpenMetrics {@code <family>_created} samples
 * of counter, histogram, summary and gaugehistogram families are dropped (they carry the creation
 * time, not a value; in 0.0.4 a {@code _created} series is an ordinary gauge and is kept); and an
 * OpenMetrics exposition must end with {@code # EOF}: a line after it is rejected, and a body without
 * it gets one error (counted as one rejected line; its samples are kept) because it may be truncated.
 * HELP and UNIT lines and exemplars are not kept. Each bad line is rejected on its own; the others
 * are kept. Thread-safe: all state lives in the call.
 */
public final class PrometheusTextParser {
    /** The two text formats; they differ in timestamp unit, {@code _created} samples and {@code # EOF}. */
    public enum Format {
        TEXT_0_0_4, OPEN_METRICS;

        /** OpenMetrics for {@code application/openmetrics-text} (any parameters), the 0.0.4 text format otherwise. */
        public static Format ofContentType(String contentType) {
            if (contentType == null) {
                return TEXT_0_0_4;
            }
            String mediaType = contentType.strip().toLowerCase(Locale.ROOT);
            return mediaType.startsWith("application/openmetrics-text") ? OPEN_METRICS : TEXT_0_0_4;
        }
    }

    private final MetricLimits limits;

    public PrometheusTextParser(MetricLimits limits) {
        this.limits = limits;
    }

    /**
     * @param body                   the exposition, decompressed
     * @param defaultTimestampMillis time of samples that carry none (the scrape time)
     * @param extraLabels            labels added to every sample ({@code job}, {@code instance}, configured
     *                               ones); they win a clash, the exposed label becoming {@code exported_<name>}
     * @throws io.loupe.index.api.LoupeException TOO_MANY_EVENTS past {@code ingest.max_events_per_request}
     */
    public ParsedSamples parse(byte[] body, Format format, long defaultTimestampMillis, Labels extraLabels) {
        boolean openMetrics = format == Format.OPEN_METRICS;
        SampleCollector collector = new SampleCollector(limits, SampleCollector.sendSmallerBatches("body"));
        SampleLineReader reader = new SampleLineReader(collector, openMetrics, extraLabels);
        boolean ended = false;
        TextLines lines = new TextLines(body);
        while (lines.next()) {
            int first = lines.firstNonBlank();
            if (first == lines.end()) {
                continue;
            }
            boolean comment = body[first] == '#';
            if (ended) {
                collector.reject(lines.number(), "line follows '# EOF', which ends an openmetrics exposition");
            } else if (collector.lineTooLong(lines.length())) {
                if (!comment) {
                    collector.countSample();
                }
                collector.reject(lines.number(), collector.lineTooLongProblem("line", lines.length()));
            } else if (comment) {
                ended = readComment(body, first + 1, lines.end(), lines.number(), openMetrics, reader, collector);
            } else {
                readSample(body, first, lines.end(), lines.number(), defaultTimestampMillis, reader, collector);
            }
        }
        if (openMetrics && !ended) {
            collector.reject(lines.number() + 1, "openmetrics exposition does not end with '# EOF'; it may be truncated");
        }
        return collector.result();
    }

    private static void readSample(byte[] body, int from, int to, int line, long defaultTimestampMillis,
                                   SampleLineReader reader, SampleCollector collector) {
        collector.countSample();
        try {
            MetricSample sample = reader.read(body, from, to, defaultTimestampMillis);
            if (sample != null) {
                collector.accept(sample);
            }
        } catch (SampleRejectedException e) {
            collector.reject(line, e.getMessage());
        }
    }

    /** Handles a comment line after its '#'; returns whether it was the OpenMetrics {@code # EOF}. */
    private static boolean readComment(byte[] body, int from, int to, int line, boolean openMetrics,
                                       SampleLineReader reader, SampleCollector collector) {
        int keywordStart = SampleLineReader.skipBlanks(body, from, to);
        int keywordEnd = SampleLineReader.scanToken(body, keywordStart, to);
        if (openMetrics && isWord(body, keywordStart, keywordEnd, "EOF")) {
            return SampleLineReader.skipBlanks(body, keywordEnd, to) == to;
        }
        if (!isWord(body, keywordStart, keywordEnd, "TYPE")) {
            return false;
        }
        int nameStart = SampleLineReader.skipBlanks(body, keywordEnd, to);
        int nameEnd = SampleLineReader.scanToken(body, nameStart, to);
        if (nameStart == nameEnd || SampleLineReader.scanMetricName(body, nameStart, nameEnd) != nameEnd) {
            collector.reject(line, "'# TYPE' line names no valid metric ([a-zA-Z_:][a-zA-Z0-9_:]*): '"
                    + InputExcerpt.of(body, nameStart, to) + "'");
            return false;
        }
        int typeStart = SampleLineReader.skipBlanks(body, nameEnd, to);
        int typeEnd = SampleLineReader.scanToken(body, typeStart, to);
        String family = new String(body, nameStart, nameEnd - nameStart, StandardCharsets.ISO_8859_1);
        MetricType type = MetricType.fromWord(new String(body, typeStart, typeEnd - typeStart, StandardCharsets.UTF_8));
        if (type == null || SampleLineReader.skipBlanks(body, typeEnd, to) != to) {
            collector.reject(line, "'# TYPE " + family + "' has type '" + InputExcerpt.of(body, typeStart, to)
                    + "', not one of " + MetricType.ACCEPTED);
            return false;
        }
        reader.startFamily(family, type);
        return false;
    }

    private static boolean isWord(byte[] body, int from, int to, String word) {
        if (to - from != word.length()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (body[i] != word.charAt(i - from)) {
                return false;
            }
        }
        return true;
    }
}
