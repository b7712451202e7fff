/**
 * Metric range queries over {@link io.loupe.index.api.MetricStore}: reading the parameters
 * ({@link io.loupe.search.metric.MetricQueryReader}, {@link io.loupe.search.metric.SeriesSelectorParser}),
 * running them ({@link io.loupe.search.metric.MetricQueryExecutor}, the entry point for callers
 * without HTTP), the canonical host signals computed at query time
 * ({@link io.loupe.search.metric.HostSignalViews}), and the series and label lookups
 * ({@link io.loupe.search.metric.SeriesLookup}). No Vert.x here; {@code io.loupe.search.http}
 * serves these over HTTP.
 *
 * <h2>Semantics</h2>
 * <ul>
 * <li><b>Buckets.</b> Buckets are aligned to multiples of {@code step} since the epoch; bucket
 *     {@code [s, s+step)} is reported at {@code s}. The range {@code [from, to)} is widened to whole
 *     buckets: from the bucket holding {@code from} to the one holding {@code to − 1 ms}, and each
 *     point summarises its whole bucket. Buckets without data are omitted, and so are output series
 *     without any point.</li>
 * <li><b>Functions, per series per bucket.</b> {@code avg, min, max, sum, count, last} over the
 *     samples in the bucket. {@code p50, p90, p99}: the quantile of the samples in the bucket, by
 *     linear interpolation between closest ranks (rank {@code q·(n−1)} of the sorted values, as
 *     PromQL's {@code quantile_over_time}). {@code increase}: the sum over consecutive sample pairs
 *     {@code (prev, cur)} with {@code cur} in the bucket of {@code cur − prev}, or of {@code cur} when
 *     {@code cur < prev} (a counter reset, as Prometheus); {@code prev} may lie in an earlier bucket,
 *     and 5 minutes before the first bucket are read so its first sample has its predecessor; a
 *     bucket without any such pair has no increase. {@code rate} = increase / step in seconds.</li>
 * <li><b>Staleness.</b> A Prometheus stale marker ({@link io.loupe.index.api.StaleMarker}) is never a
 *     value: it is not counted, no counter pair spans it, and {@code last} reports nothing for a
 *     bucket whose last sample is a stale marker. Any other NaN is an ordinary value and propagates
 *     (into avg, sum, min, max, increase; quantiles sort it above +Inf).</li>
 * <li><b>Grouping.</b> Without {@code by}: one output series per stored series, its labels plus
 *     {@code __name__}. With {@code by}: one per distinct combination of the by-labels (a series
 *     lacking one is grouped as not having it); avg, min, max, count, sum and the quantiles pool all
 *     samples of the group's series in the bucket (avg = mean of the pooled samples, count = their
 *     number); rate, increase and last are computed per series and then summed across the group (as
 *     {@code sum by (...) (rate(...))}).</li>
 * <li><b>Tiers.</b> The answer reads the coarsest {@link io.loupe.index.api.MetricResolution} among
 *     {@code store.resolutionsCovering(first bucket start)} whose width is at most the step and
 *     divides it evenly (raw always qualifies). Quantiles always read raw samples (they cover only
 *     what raw retention still holds). When raw has aged out and no rollup fits the step, the finest
 *     covering tier answers, each rollup bucket counted in the query bucket holding its start. From a
 *     rollup: min = min of mins, max = max of maxes, sum = sum of sums, count = sum of counts, avg =
 *     sum / count, last = last of the latest rollup bucket, increase = sum of increases, rate =
 *     increase / step. The tier used is reported as {@code resolution}.</li>
 * <li><b>Host signals.</b> {@code host.cpu.utilization}, {@code host.memory.utilization},
 *     {@code host.load.1m}, {@code host.disk.utilization}, {@code host.disk.io_time},
 *     {@code host.network.rx}, {@code host.network.tx} are views computed per host at query time from
 *     node_exporter and OTLP hostmetrics series (definitions in {@link io.loupe.search.metric.HostSignalViews}).</li>
 * <li><b>Limits.</b> A query touches at most {@code search.metrics_max_series} series and computes at
 *     most {@code search.metrics_max_points} points (series touched × buckets); beyond either it is
 *     refused with {@link io.loupe.index.api.ErrorCode#QUERY_TOO_LARGE} (422) before samples are
 *     read. The store is asked for one series more than allowed to detect overflow.</li>
 * </ul>
 *
 * <p><b>Invariant:</b> series are read one at a time, so the memory of a query is bounded by
 * (output groups + 1) × buckets, never by the number of samples, except for quantiles, which hold
 * every raw sample in range of the selected series.
 */
package io.loupe.search.metric;
