/**
 * Correlation of log hits with host signals, and the reverse. No Vert.x here; {@code io.loupe.search.http}
 * serves it ({@code POST /api/v1/correlate}, {@code GET /api/v1/correlate/host/{host}}).
 *
 * <ul>
 *   <li>{@link io.loupe.search.correlate.CorrelationRequestReader} reads both requests, reusing
 *       search's reading of {@code q, from, to, kind, limit} and of {@code histogram=auto} (for
 *       {@code interval}).</li>
 *   <li>{@link io.loupe.search.correlate.Correlator}: top hosts by hits (a {@code host} facet), each
 *       host's hit and error histograms, its host signals, and the findings.</li>
 *   <li>{@link io.loupe.search.correlate.HostMoment}: one host around one moment: signals, histograms,
 *       counts per level, log lines errors first.</li>
 *   <li>{@link io.loupe.search.correlate.HostSignalAlignment}: host signals (through
 *       {@link io.loupe.search.metric.MetricQueryExecutor}) on a given bucket grid; also used by the
 *       user timeline.</li>
 *   <li>{@link io.loupe.search.correlate.FindingDetector}: the findings method (documented there).</li>
 * </ul>
 *
 * <p><b>Invariant (one grid):</b> every series of an answer (log histograms and host signals) has
 * the same buckets: starts at multiples of the interval since the epoch, from the bucket holding
 * {@code from} to the one holding {@code to − 1}. The log store's histogram and a metric query with
 * step = interval both align so, and {@link io.loupe.search.correlate.HostSignalAlignment#gridOf}
 * is that grid; a log bucket outside it is a bug and fails the request.
 */
package io.loupe.search.correlate;
