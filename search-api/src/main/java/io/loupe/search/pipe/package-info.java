/**
 * Pipe stages after a search query ({@code level:error | stats count() by host}): {@link PipeSplitter}
 * cuts the query text at its pipes, {@link PipeParser} reads each stage, {@link PipelinePlanner} checks
 * the stages against the columns each one produces, and {@link PipelineExecutor} runs the plan — the
 * aggregating stage ({@code stats}, {@code timechart}, {@code top}, {@code rare}) on doc values through
 * {@code LogStore.aggregate}, the row stages ({@code where}, {@code sort}, {@code head}, {@code fields})
 * on the resulting {@link Table}. The query language is documented in {@code docs/query-language.md}.
 */
package io.loupe.search.pipe;
