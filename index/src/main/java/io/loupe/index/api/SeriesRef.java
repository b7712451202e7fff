package io.loupe.index.api;

/** A series as the store knows it: its stable id and its key. */
public record SeriesRef(int id, SeriesKey key) {
}
