package io.loupe.index.wal;

import java.io.IOException;

/** Receives write-ahead-log records during replay, in sequence order. */
@FunctionalInterface
public interface WalRecordConsumer {
    void accept(long seq, byte[] payload) throws IOException;
}
