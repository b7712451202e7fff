package io.loupe.search.correlate;

import java.util.List;

/**
 * The answer to a {@link CorrelationRequest}.
 *
 * @param request  what was asked
 * @param total    matching events over the window, on every host
 * @param hosts    the hosts with most hits, most first, each with its series on the request's grid
 * @param findings the moments where a host's log rate and one of its signals moved together, best first
 */
public record CorrelationResult(CorrelationRequest request, long total, List<HostSeries> hosts, List<Finding> findings) {
    public CorrelationResult {
        hosts = List.copyOf(hosts);
        findings = List.copyOf(findings);
    }
}
