package io.loupe.index.metric.codec;

/**
 * Encoded column bytes that do not parse: a varint or bit stream running past its end, a tag no
 * encoding has, a length that does not add up. Raised by the column decoders, which do not know the
 * file; {@link MetricSegmentReader} turns it into a {@link MetricSegmentCorruptException} naming the
 * file and the series.
 */
final class MalformedColumnException extends RuntimeException {
    MalformedColumnException(String problem) {
        super(problem);
    }
}
