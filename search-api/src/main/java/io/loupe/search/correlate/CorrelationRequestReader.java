package io.loupe.search.correlate;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogSearch;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.TimeRange;
import io.loupe.search.SearchConfig;
import io.loupe.search.metric.HostSignal;
import io.loupe.search.request.DurationExpression;
import io.loupe.search.request.SearchRequestReader;
import io.loupe.search.request.TimeExpression;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the parameters of the two correlation endpoints. {@code q, from, to, kind, limit} are read
 * as search reads them and {@code interval} as search reads {@code histogram}
 * ({@link SearchRequestReader}); the rest here: {@code signals} (comma-separated host signal names,
 * default all), {@code hosts} (1 to {@value #MAX_HOSTS}, default {@value #DEFAULT_HOSTS}),
 * {@code at} (a time, required) and {@code window} (default 10m). Every bad value answers 400
 * {@link ErrorCode#INVALID_PARAMETER} naming the parameter and what it accepts.
 */
public final class CorrelationRequestReader {
    public static final int DEFAULT_HOSTS = 5;
    public static final int MAX_HOSTS = 50;
    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);
    private static final Set<String> SEARCH_PARAMETERS = Set.of("q", "from", "to", "kind");

    private final SearchRequestReader searchReader;

    public CorrelationRequestReader(SearchConfig config) {
        this.searchReader = new SearchRequestReader(config);
    }

    /** The parameters of {@code POST /api/v1/correlate}: {@code q, from, to, kind, interval, signals, hosts}. */
    public CorrelationRequest readCorrelation(Function<String, String> params, Instant now) {
        LogSearch search = searchReader.read(name -> SEARCH_PARAMETERS.contains(name) ? params.apply(name) : null, now).search();
        Duration interval = searchReader.interval("interval", params.apply("interval"), search.range());
        String q = params.apply("q");
        return new CorrelationRequest(q == null ? "" : q.trim(), search.query(), search.range(), search.kinds(),
                HostSignalAlignment.gridOf(search.range(), interval), signals(params.apply("signals")), hosts(params.apply("hosts")));
    }

    /** The parameters of {@code GET /api/v1/correlate/host/{host}}: {@code at, window, interval, signals, kind, limit}. */
    public HostMomentRequest readHostMoment(String host, Function<String, String> params, Instant now) {
        if (host == null || host.isBlank()) {
            throw invalid("the path must name a host: /api/v1/correlate/host/{host}");
        }
        LogSearch search = searchReader.read(name -> name.equals("kind") || name.equals("limit") ? params.apply(name) : null, now).search();
        String atText = params.apply("at");
        if (atText == null || atText.isBlank()) {
            throw invalid("parameter 'at' is required: the moment to look around (RFC 3339, epoch ms, or now-15m)");
        }
        long at;
        try {
            at = TimeExpression.parse(atText, now);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw invalid("parameter 'at': " + e.getMessage());
        }
        String windowText = params.apply("window");
        Duration window = window(windowText);
        TimeRange range;
        try {
            long half = window.toNanos() / 2;
            range = new TimeRange(Math.subtractExact(at, half), Math.addExact(at, half));
        } catch (ArithmeticException e) {
            throw invalid("parameter 'window' " + windowText + " reaches past the times Loupe can hold (years 1678 to 2262)");
        }
        Duration interval = searchReader.interval("interval", params.apply("interval"), range);
        return new HostMomentRequest(host, at, range, search.kinds(), HostSignalAlignment.gridOf(range, interval),
                signals(params.apply("signals")), search.limit());
    }

    private static Duration window(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_WINDOW;
        }
        Duration window;
        try {
            window = DurationExpression.parse(value);
        } catch (IllegalArgumentException e) {
            throw invalid("parameter 'window' must be an interval such as 10m: " + e.getMessage());
        }
        if (window.toSeconds() < 2) {
            throw invalid("parameter 'window' must be at least 2s (the moment ± 1s), got " + value);
        }
        return window;
    }

    /** Comma-separated host signal names, in the order given, without repeats; blank for all of them. */
    static List<HostSignal> signals(String value) {
        if (value == null || value.isBlank()) {
            return List.of(HostSignal.values());
        }
        List<HostSignal> signals = new ArrayList<>();
        for (String raw : value.split(",")) {
            String name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            HostSignal signal = HostSignal.named(name);
            if (signal == null) {
                throw invalid("parameter 'signals': '" + name + "' is not a host signal; known: " + Arrays.stream(HostSignal.values())
                        .map(HostSignal::metricName).collect(Collectors.joining(", ")));
            }
            if (!signals.contains(signal)) {
                signals.add(signal);
            }
        }
        return signals.isEmpty() ? List.of(HostSignal.values()) : signals;
    }

    private static int hosts(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_HOSTS;
        }
        int hosts;
        try {
            hosts = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw invalid("parameter 'hosts' must be a whole number from 1 to " + MAX_HOSTS + ", got '" + value + "'");
        }
        if (hosts < 1 || hosts > MAX_HOSTS) {
            throw invalid("parameter 'hosts' must be from 1 to " + MAX_HOSTS + " (the hosts with most hits are correlated), got " + hosts);
        }
        return hosts;
    }

    private static LoupeException invalid(String message) {
        return new LoupeException(ErrorCode.INVALID_PARAMETER, message);
    }
}
