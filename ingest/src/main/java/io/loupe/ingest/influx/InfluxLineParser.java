package io.loupe.ingest.influx;

import io.loupe.ingest.parse.MetricLimits;
import io.loupe.ingest.parse.ParsedSamples;
import io.loupe.ingest.parse.SampleCollector;
import io.loupe.ingest.parse.TextLines;

/**
 * Parses InfluxDB line protocol into metric samples, one per numeric or boolean field.
 *
 * <pre>
 * body        --> (line '\n')* [line]                 lines may end in "\r\n"
 * line        --> blank | '#' comment | measurement (',' tagkey '=' tagvalue)* ' '+ field (',' field)* [' '+ timestamp] ' '*
 * field       --> fieldkey '=' ( float | integer 'i' | unsigned 'u' | boolean | '"' string '"' )
 * boolean     --> t | T | true | True | TRUE | f | F | false | False | FALSE      (1 or 0)
 * timestamp   --> signed 64-bit integer in the request's {@link Precision} (default nanoseconds)
 * escapes     --> measurement: '\,' '\ ' '\\';  tag keys, tag values, field keys: '\,' '\=' '\ ' '\\';
 *                 string values: '\"' '\\'; a backslash before any other character is literal
 * </pre>
 *
 * A field {@code f} of measurement {@code m} becomes the series {@code m_f}, or {@code m} when the
 * field is named {@code value}; names are made Prometheus-safe by {@link SeriesNaming}; tags become
 * labels, in bytes of valid UTF-8. A line without timestamp takes the receive time. String fields
 * are rejected one by one (the other fields of the line are kept); a line that cannot be read is
 * rejected once. A raw newline always ends a line (a string value cannot span lines: Telegraf writes
 * newlines as {@code \n}). Timestamps finer than a millisecond are rounded down. Thread-safe: all
 * state lives in the call.
 */
public final class InfluxLineParser {
    private final MetricLimits limits;

    public InfluxLineParser(MetricLimits limits) {
        this.limits = limits;
    }

    /**
     * @param body           the decompressed request body
     * @param precision      unit of the timestamps in the body
     * @param receivedMillis time of lines that carry no timestamp
     * @throws io.loupe.index.api.LoupeException TOO_MANY_EVENTS past {@code ingest.max_events_per_request} samples
     */
    public ParsedSamples parse(byte[] body, Precision precision, long receivedMillis) {
        SampleCollector collector = new SampleCollector(limits, SampleCollector.sendSmallerBatches("body"));
        LineProtocolReader reader = new LineProtocolReader(collector);
        TextLines lines = new TextLines(body);
        while (lines.next()) {
            int first = lines.firstNonBlank();
            if (first == lines.end() || body[first] == '#') {
                continue;
            }
            if (collector.lineTooLong(lines.length())) {
                collector.countSample();
                collector.reject(lines.number(), collector.lineTooLongProblem("line", lines.length()));
            } else {
                reader.read(body, first, lines.end(), lines.number(), precision, receivedMillis);
            }
        }
        return collector.result();
    }
}
