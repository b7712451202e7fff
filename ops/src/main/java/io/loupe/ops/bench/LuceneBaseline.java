package io.loupe.ops.bench;

import io.loupe.index.api.IndexedFields;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.store.FSDirectory;

/**
 * What bare, in-process Lucene does with the same events: {@link #THREADS} threads read the
 * batches, split lines, parse each with Jackson ({@link BaselineDocumentBuilder}) and add it to one
 * {@link IndexWriter} configured as the reference measurement ({@code reference/lucene-ceiling.md}):
 * Lucene104 codec with BEST_SPEED stored fields (Loupe's default), index sorted by timestamp
 * descending (then {@code _id}, as Loupe's partitions), {@link #RAM_BUFFER_MB} MB indexing buffer,
 * everything else Lucene's default. The clock runs from the first batch read to the end of
 * {@code commit()}. No write-ahead log, no HTTP, no partitions: the ceiling Loupe is measured against.
 */
final class LuceneBaseline {
    static final int THREADS = 2;
    static final double RAM_BUFFER_MB = 256;
    private static final Sort SORT = new Sort(new SortField(IndexedFields.TIMESTAMP, SortField.Type.LONG, true),
            new SortField(IndexedFields.EVENT_ID, SortField.Type.LONG, true));

    /** Documents indexed, wall time of ingest plus commit, and the committed index. */
    record Result(long documents, long elapsedNanos, CommittedIndexSize size) {
        double eventsPerSecond() {
            return documents * 1e9 / elapsedNanos;
        }
    }

    private LuceneBaseline() {
    }

    static Result run(BatchFile batches, Path indexDir) throws Exception {
        IndexWriterConfig config = new IndexWriterConfig(IndexedFields.analyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setIndexSort(SORT)
                .setRAMBufferSizeMB(RAM_BUFFER_MB)
                .setCodec(new Lucene104Codec(Lucene104Codec.Mode.BEST_SPEED));
        AtomicInteger nextBatch = new AtomicInteger();
        AtomicLong indexed = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS, Thread.ofPlatform().name("baseline-indexer-", 0).factory());
        try (FSDirectory directory = FSDirectory.open(indexDir); IndexWriter writer = new IndexWriter(directory, config)) {
            long started = System.nanoTime();
            ProgressReporter progress = ProgressReporter.start("lucene baseline", batches.events(), indexed::get);
            try {
                List<Future<?>> workers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    workers.add(threads.submit(() -> {
                        int batch;
                        while ((batch = nextBatch.getAndIncrement()) < batches.batchCount()) {
                            indexed.addAndGet(indexBatch(writer, batches.read(batch), batch));
                        }
                        return null;
                    }));
                }
                WorkerThreads.awaitAll(workers);
            } finally {
                progress.close();
            }
            long ingested = System.nanoTime();
            writer.commit();
            long elapsed = System.nanoTime() - started;
            System.err.printf("lucene baseline: ingest %.1f s, commit %.1f s%n", (ingested - started) / 1e9,
                    (System.nanoTime() - ingested) / 1e9);
            return new Result(indexed.get(), elapsed, CommittedIndexSize.of(indexDir));
        } finally {
            threads.shutdownNow();
        }
    }

    private static int indexBatch(IndexWriter writer, byte[] bytes, int batch) throws IOException {
        int lineStart = 0;
        int line = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                if (i > lineStart) {
                    writer.addDocument(BaselineDocumentBuilder.build(bytes, lineStart, i - lineStart, ((long) batch << 16) | line));
                    line++;
                }
                lineStart = i + 1;
            }
        }
        return line;
    }
}
