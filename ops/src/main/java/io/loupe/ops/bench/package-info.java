/**
 * The benchmark tool behind {@code ./loupe bench}: measures Loupe against the performance goals of
 * DESIGN.md, on a fresh in-process server, with deterministic realistic events.
 *
 * <p>Key types: {@link io.loupe.ops.bench.BenchMain} (entry point), {@code EventGenerator} (the
 * events, shaped like the bare-Lucene reference data), {@code IngestBenchmark} (HTTP ingest against
 * {@code LuceneBaseline}, bare Lucene on the same events), {@code SearchBenchmark} (latency over HTTP of
 * lookups, full text, histograms, pipe stages, correlation and user timelines, on events plus
 * {@code HostMetricsGenerator}'s host metrics, each answer checked by an {@code AnswerCheck}).
 *
 * <p><b>Invariants:</b> results are one JSON line on stdout that includes the command producing
 * them; everything else goes to stderr; every run works in temporary directories it deletes; the
 * same seed gives the same events. Timing never appears in unit tests: numbers come from runs
 * recorded in {@code docs/benchmarks.md}.
 */
package io.loupe.ops.bench;
