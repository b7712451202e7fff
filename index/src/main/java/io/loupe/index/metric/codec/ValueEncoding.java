package io.loupe.index.metric.codec;

/** The encodings of a value column, by the one-byte tag that starts the column on disk. */
enum ValueEncoding {
    /** Every value has the same bits; stored once. */
    CONSTANT(0),
    /** Decimals at one scale, as integer deltas; see {@link DecimalColumnCodec}. */
    DECIMAL(1),
    /** Gorilla XOR of the raw bits; handles any double; see {@link GorillaXorCodec}. */
    GORILLA_XOR(2);

    private final int tag;

    ValueEncoding(int tag) {
        this.tag = tag;
    }

    int tag() {
        return tag;
    }

    static ValueEncoding ofTag(int tag) {
        for (ValueEncoding encoding : values()) {
            if (encoding.tag == tag) {
                return encoding;
            }
        }
        throw new MalformedColumnException("value column tag " + tag + " names no encoding (known: 0 constant, 1 decimal, 2 gorilla xor)");
    }
}
