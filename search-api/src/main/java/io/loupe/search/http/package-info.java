/** Vert.x handler of {@code /api/v1/search} and the JSON rendering of results. */
package io.loupe.search.http;
