package io.loupe.search.request;

import io.loupe.index.api.LogSearch;
import java.util.Locale;

/**
 * A parsed {@code /api/v1/audit/export}: every matching audit event, newest first, page by page.
 *
 * @param firstPage    the first page, without a total ({@link LogSearch#countTotal()} false); the
 *                     next ones are {@link LogSearch#continuingAfter} it
 * @param format       CSV or NDJSON
 * @param withOriginal NDJSON only: add each event exactly as it was received
 */
public record AuditExportRequest(LogSearch firstPage, Format format, boolean withOriginal) {

    /** How rows are written. */
    public enum Format {
        /** RFC 4180, one header row, CRLF line ends, UTF-8. */
        CSV("text/csv; charset=utf-8; header=present", "csv"),
        /** One JSON object per line, each an event as search renders its hits. */
        NDJSON("application/x-ndjson", "ndjson");

        private final String contentType;
        private final String extension;

        Format(String contentType, String extension) {
            this.contentType = contentType;
            this.extension = extension;
        }

        public String contentType() {
            return contentType;
        }

        public String extension() {
            return extension;
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
