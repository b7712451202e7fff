package io.loupe.ingest.elastic;

/**
 * The outcome of one bulk action, as its entry in {@code items} reports it.
 *
 * @param action     the action's name: index, create, update or delete
 * @param index      the target index
 * @param id         the action's {@code _id}, or one generated for it
 * @param status     HTTP status of this item: 201 stored, 400 refused
 * @param errorType  Elasticsearch's error type for a refused item, else null
 * @param reason     why it was refused, else null
 */
public record BulkItem(String action, String index, String id, int status, String errorType, String reason) {

    static BulkItem created(String action, String index, String id) {
        return new BulkItem(action, index, id, 201, null, null);
    }

    static BulkItem refused(String action, String index, String id, String errorType, String reason) {
        return new BulkItem(action, index, id, 400, errorType, reason);
    }

    public boolean failed() {
        return errorType != null;
    }
}
