/** Reading search parameters: time expressions, intervals, cursors, limits. */
package io.loupe.search.request;
