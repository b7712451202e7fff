/** The query language: Lucene classic syntax taught the log schema ({@link io.loupe.search.query.LogQueryParser}). */
package io.loupe.search.query;
