/** The search API: query language, request reading, and the search endpoints ({@link io.loupe.search.SearchConfig}). */
package io.loupe.search;
