package io.loupe.index.log;

import io.loupe.index.api.AuditVerification;
import io.loupe.index.api.AuditVerification.PartitionChain;
import io.loupe.index.api.IndexedFields;
import io.loupe.index.api.LogSearchResult.LogHit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.IntroSorter;

/**
 * Recomputes the audit hash chain of partitions and compares it with what the events and Loupe's
 * kept heads say.
 *
 * <p>Per partition, the live audit events are taken in event-id order (the order they were linked
 * in). Each must carry the next chain position and the SHA-256 of the stored bytes of the event
 * before it; after the last one, the recomputed head must equal the head Loupe keeps for the
 * partition (in memory, and in each commit as of the records the commit covers). So an altered
 * event fails the link of the event after it (or the kept head, when it is the newest), a deleted
 * one leaves a gap in the positions, and deleted newest events fall short of the kept head.
 * Events of records appended while verification runs are left out, so it needs no lock on appends.
 * Memory: 12 bytes per audit event of the largest partition verified (ids and document numbers).
 */
final class AuditChainVerifier {
    private static final Set<String> STORED_EVENT = Set.of(IndexedFields.STORED_EVENT);

    /**
     * A partition's reader and the chain head Loupe kept for it as of record {@code indexedSeq}: the
     * reader shows every event of the records up to it (later ones are left out).
     */
    record PartitionSnapshot(PartitionKey key, IndexReader reader, long indexedSeq, AuditChainHead keptHead) {
    }

    private AuditChainVerifier() {
    }

    /** @param snapshots the partitions to verify, oldest first */
    static AuditVerification verify(List<PartitionSnapshot> snapshots) throws IOException {
        long verified = 0;
        List<PartitionChain> chains = new ArrayList<>();
        for (PartitionSnapshot snapshot : snapshots) {
            PartitionOutcome outcome = verifyPartition(snapshot);
            verified += outcome.events;
            chains.add(new PartitionChain(snapshot.key().toString(), outcome.events, snapshot.keptHead().position(),
                    snapshot.keptHead().hashHex()));
            if (outcome.reason != null) {
                return new AuditVerification(AuditVerification.Status.BROKEN, verified, chains, outcome.badEvent,
                        snapshot.key().toString(), outcome.reason);
            }
        }
        return new AuditVerification(AuditVerification.Status.INTACT, verified, chains, null, null, null);
    }

    private record PartitionOutcome(long events, LogHit badEvent, String reason) {
    }

    private static PartitionOutcome verifyPartition(PartitionSnapshot snapshot) throws IOException {
        IndexReader reader = snapshot.reader();
        EventsInIdOrder order = EventsInIdOrder.of(reader, EventIds.firstIdOf(snapshot.indexedSeq() + 1));
        StoredFields storedFields = reader.storedFields();
        AuditChainHead expected = AuditChainHead.GENESIS;
        StoredAuditEvent previous = null;
        long events = 0;
        for (int i = 0; i < order.size(); i++) {
            BytesRef stored = storedFields.document(order.docs[i], STORED_EVENT).getBinaryValue(IndexedFields.STORED_EVENT);
            StoredAuditEvent event = new StoredAuditEvent(order.ids[i], stored);
            AuditChainLink link = LogEventCodec.chainLink(stored.bytes, stored.offset, stored.length);
            if (link == null) {
                return new PartitionOutcome(events, event.hit(), "the event carries no chain link: it was written before Loupe kept "
                        + "the audit hash chain, or rewritten without one");
            }
            long next = expected.position() + 1;
            if (link.position() > next) {
                long missing = link.position() - next;
                return new PartitionOutcome(events, event.hit(), missing + " audit event" + (missing == 1 ? " is" : "s are")
                        + " missing before this one (chain position" + (missing == 1 ? " " + next : "s " + next + " to "
                        + (link.position() - 1)) + ")");
            }
            if (link.position() < next) {
                return new PartitionOutcome(events, event.hit(), "the event claims chain position " + link.position()
                        + " but follows position " + expected.position() + ": it was copied or added behind Loupe's back");
            }
            if (!Arrays.equals(link.previousHash(), expected.hash())) {
                if (previous == null) {
                    return new PartitionOutcome(events, event.hit(), "the first event of the chain does not start it: its link "
                            + "names hash " + hex(link.previousHash()) + " instead of the zero hash");
                }
                return new PartitionOutcome(events - 1, previous.hit(), "the event was altered: its stored bytes hash to "
                        + hex(expected.hash()) + " but the next audit event (id " + event.id() + ") recorded "
                        + hex(link.previousHash()));
            }
            expected = AuditChainHead.after(link, stored.bytes, stored.offset, stored.length);
            previous = event;
            events++;
        }
        return compareWithKeptHead(snapshot.keptHead(), expected, previous, events);
    }

    /** An event's id and stored bytes, decoded only when verification names it. */
    private record StoredAuditEvent(long id, BytesRef stored) {
        LogHit hit() {
            return new LogHit(id, LogEventCodec.decodeStored(stored.bytes, stored.offset, stored.length));
        }
    }

    private static PartitionOutcome compareWithKeptHead(AuditChainHead kept, AuditChainHead recomputed, StoredAuditEvent newest,
                                                        long events) {
        if (kept.position() > recomputed.position()) {
            long missing = kept.position() - recomputed.position();
            return new PartitionOutcome(events, newest == null ? null : newest.hit(), "the chain's kept head is at position "
                    + kept.position() + " but the newest audit event is at position " + recomputed.position() + ": the last " + missing
                    + " audit event" + (missing == 1 ? " was" : "s were") + " deleted");
        }
        if (kept.position() < recomputed.position()) {
            return new PartitionOutcome(events, newest.hit(), "the chain goes on to position " + recomputed.position()
                    + " past its kept head at position " + kept.position() + ": events were added behind Loupe's back");
        }
        if (!Arrays.equals(kept.hash(), recomputed.hash())) {
            return new PartitionOutcome(events - 1, newest.hit(), "the newest audit event was altered: its stored bytes hash to "
                    + hex(recomputed.hash()) + " but Loupe kept " + hex(kept.hash()));
        }
        return new PartitionOutcome(events, null, null);
    }

    private static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    /** The live documents of a reader as parallel arrays of event ids and document numbers, by id ascending. */
    private static final class EventsInIdOrder extends IntroSorter {
        private final long[] ids;
        private final int[] docs;
        private long pivot;

        private EventsInIdOrder(long[] ids, int[] docs) {
            this.ids = ids;
            this.docs = docs;
        }

        /** @param idLimit ids from this one on are left out */
        static EventsInIdOrder of(IndexReader reader, long idLimit) throws IOException {
            long[] ids = new long[reader.numDocs()];
            int[] docs = new int[ids.length];
            int n = 0;
            for (LeafReaderContext leaf : reader.leaves()) {
                Bits live = leaf.reader().getLiveDocs();
                NumericDocValues eventIds = leaf.reader().getNumericDocValues(IndexedFields.EVENT_ID);
                for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                    if ((live == null || live.get(doc)) && eventIds != null && eventIds.advanceExact(doc)
                            && eventIds.longValue() < idLimit) {
                        ids[n] = eventIds.longValue();
                        docs[n] = leaf.docBase + doc;
                        n++;
                    }
                }
            }
            EventsInIdOrder order = new EventsInIdOrder(Arrays.copyOf(ids, n), Arrays.copyOf(docs, n));
            order.sort(0, n);
            return order;
        }

        int size() {
            return ids.length;
        }

        @Override
        protected void swap(int i, int j) {
            long id = ids[i];
            ids[i] = ids[j];
            ids[j] = id;
            int doc = docs[i];
            docs[i] = docs[j];
            docs[j] = doc;
        }

        @Override
        protected void setPivot(int i) {
            pivot = ids[i];
        }

        @Override
        protected int comparePivot(int j) {
            return Long.compare(pivot, ids[j]);
        }
    }
}
