package io.loupe.search.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.IndexedFields;
import io.loupe.index.api.IpLiteral;
import io.loupe.index.api.LogFields;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.LogSearch;
import io.loupe.index.api.LoupeException;
import io.loupe.search.SearchConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link AuditRequestReader}: defaults, the filters as they select events (run against a small
 * index shaped as the log store indexes audit events), CIDR blocks, and bad input.
 */
class AuditRequestReaderTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final long NOW_NANOS = NOW.getEpochSecond() * 1_000_000_000L;
    /** name, actor, action, resource, outcome, source_ip, message */
    private static final List<List<String>> EVENTS = List.of(
            List.of("e1", "alice", "login", "console", "success", "10.1.2.3", "login with password and otp"),
            List.of("e2", "alice", "role.grant", "role:admin", "success", "10.200.0.9", "granted admin to bob"),
            List.of("e3", "bob", "login", "console", "failure", "192.168.1.20", "wrong password"),
            List.of("e4", "bob", "file.delete", "s3://audit/2026", "denied", "2001:db8::7", "delete refused by policy"),
            List.of("e5", "carol", "login", "vpn", "success", "2001:db8:ffff::1", "login over vpn"),
            List.of("e6", "svc-deploy", "config.update", "checkout", "success", "2001:dba::1", "rolled out config 42"),
            List.of("e7", "mallory", "login", "console", "failure", "::ffff:10.9.9.9", "wrong password again"),
            List.of("e8", "mallory", "login", "console", "failure", "unknown", "wrong password from nowhere"),
            List.of("e9", "carol", "logout", "vpn", "success", "bastion.internal", "session ended"));

    private static ByteBuffersDirectory directory;
    private static DirectoryReader index;
    private final AuditRequestReader reader = new AuditRequestReader(SearchConfig.defaults());

    @BeforeAll
    static void indexEvents() throws IOException {
        directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(IndexedFields.analyzer()))) {
            for (List<String> event : EVENTS) {
                Document doc = new Document();
                doc.add(new StoredField("name", event.get(0)));
                List<String> fields = List.of("actor", "action", "resource", "outcome", "source_ip");
                for (int i = 0; i < fields.size(); i++) {
                    doc.add(new StringField(fields.get(i), event.get(i + 1), Field.Store.NO));
                }
                InetAddress address = IpLiteral.parse(event.get(5));
                if (address != null) {
                    doc.add(new InetAddressPoint(IndexedFields.ipPoint("source_ip"), address));
                }
                doc.add(new TextField(LogFields.MESSAGE, event.get(6), Field.Store.NO));
                writer.addDocument(doc);
            }
        }
        index = DirectoryReader.open(directory);
    }

    @AfterAll
    static void closeIndex() throws IOException {
        index.close();
        directory.close();
    }

    private static Map<String, String> params(String... pairs) {
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        return params;
    }

    private AuditRequest read(String... pairs) {
        return reader.read(params(pairs)::get, NOW);
    }

    private AuditExportRequest export(String... pairs) {
        return reader.readExport(params(pairs)::get, NOW, 500);
    }

    /** The names of the events the search's query selects. */
    private static Set<String> found(LogSearch search) {
        try {
            IndexSearcher searcher = new IndexSearcher(index);
            Query query = search.query();
            Set<String> names = new TreeSet<>();
            for (ScoreDoc doc : searcher.search(query, 100).scoreDocs) {
                names.add(searcher.storedFields().document(doc.doc).get("name"));
            }
            return names;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Set<String> found(String... pairs) {
        Set<String> names = found(read(pairs).search());
        assertEquals(names, found(export(pairs).firstPage()), "the export selects what the search does");
        return names;
    }

    @Test
    void defaultsAreAuditEventsOfTheLastHourWithFacetsByActorActionOutcome() {
        AuditRequest request = read();
        LogSearch search = request.search();
        assertEquals(Set.of(LogKind.AUDIT), search.kinds());
        assertEquals(NOW_NANOS - 3_600_000_000_000L, search.range().fromNanos());
        assertEquals(NOW_NANOS, search.range().toNanos());
        assertEquals(100, search.limit());
        assertNull(search.after());
        assertEquals(List.of("actor", "action", "outcome"), search.facetFields());
        assertTrue(search.countTotal(), "a search page counts its total");
        assertFalse(request.withOriginal());
        assertEquals(9, found(search).size(), "no filter: every event");
    }

    @Test
    void readsPagingFacetsAndTimeAsSearchDoes() {
        String cursor = Cursor.encode(new LogSearch.SearchAfter(123, 456));
        LogSearch search = read("limit", "7", "cursor", cursor, "facets", "resource,host", "from", "now-2d", "to", "now-1d",
                "original", "true").search();
        assertEquals(7, search.limit());
        assertEquals(new LogSearch.SearchAfter(123, 456), search.after());
        assertEquals(List.of("resource", "host"), search.facetFields());
        assertEquals(NOW_NANOS - 2 * 86_400_000_000_000L, search.range().fromNanos());
        assertEquals(NOW_NANOS - 86_400_000_000_000L, search.range().toNanos());
    }

    @Test
    void eachFilterSelectsItsExactValueAndFiltersCombine() {
        assertEquals(Set.of("e1", "e2"), found("actor", "alice"));
        assertEquals(Set.of(), found("actor", "Alice"), "exact, case included");
        assertEquals(Set.of("e1", "e3", "e5", "e7", "e8"), found("action", "login"));
        assertEquals(Set.of("e4"), found("resource", "s3://audit/2026"));
        assertEquals(Set.of("e3", "e7", "e8"), found("outcome", "failure"));
        assertEquals(Set.of("e7", "e8"), found("action", "login", "outcome", "failure", "actor", "mallory"));
        assertEquals(Set.of(), found("actor", "alice", "outcome", "failure"));
    }

    @Test
    void freeTextAndQueryLanguageCombineWithFilters() {
        assertEquals(Set.of("e3", "e7", "e8"), found("q", "wrong password"));
        assertEquals(Set.of("e3"), found("q", "wrong password", "actor", "bob"));
        assertEquals(Set.of("e3", "e7"), found("q", "\"wrong password\" NOT nowhere"));
        assertEquals(Set.of("e2", "e4"), found("q", "action:(role.grant OR file.delete)"));
    }

    @Test
    void sourceIpMatchesAnAddressInAnySpellingOrABlock() {
        assertEquals(Set.of("e1"), found("source_ip", "10.1.2.3"));
        assertEquals(Set.of("e4"), found("source_ip", "2001:DB8:0:0:0:0:0:7"));
        assertEquals(Set.of("e7"), found("source_ip", "10.9.9.9"), "an IPv4-mapped address is its IPv4 address");
        assertEquals(Set.of("e1", "e2", "e7"), found("source_ip", "10.0.0.0/8"));
        assertEquals(Set.of("e1"), found("source_ip", "10.1.0.0/16"));
        assertEquals(Set.of("e1", "e2", "e7"), found("source_ip", "10.1.2.3/8"), "host bits are ignored");
        assertEquals(Set.of("e2"), found("source_ip", "10.200.0.9/32"));
        assertEquals(Set.of("e1", "e2", "e3", "e7"), found("source_ip", "0.0.0.0/0"), "every IPv4 address");
        assertEquals(Set.of("e4", "e5"), found("source_ip", "2001:db8::/32"));
        assertEquals(Set.of("e4", "e5", "e6"), found("source_ip", "2001:d00::/24"));
        assertEquals(Set.of("e1", "e2", "e7"), found("source_ip", "::ffff:10.0.0.0/104"), "an IPv4-mapped block is its IPv4 block");
        assertEquals(Set.of("e7"), found("source_ip", "::ffff:10.9.0.0/112"));
        assertEquals(Set.of("e1", "e2", "e3", "e4", "e5", "e6", "e7"), found("source_ip", "::/0"), "every address, no other value");
        assertEquals(Set.of("e1", "e2"), found("source_ip", " 10.0.0.0/8 ", "actor", "alice"));
    }

    @Test
    void theQueryLanguageTakesAddressesAndQuotedBlocksOnSourceIp() {
        assertEquals(Set.of("e1"), found("q", "source_ip:10.1.2.3"));
        assertEquals(Set.of("e1", "e2", "e7"), found("q", "source_ip:\"10.0.0.0/8\""));
        assertEquals(Set.of("e4", "e5"), found("q", "source_ip:\"2001:db8::/32\""));
        assertEquals(Set.of("e8"), found("q", "source_ip:unknown"), "a value that is no address matches exactly");
        assertEquals(Set.of("e9"), found("q", "source_ip:bastion*"));
        LoupeException bad = assertThrows(LoupeException.class, () -> read("q", "source_ip:\"10.0.0.0/40\""));
        assertEquals(ErrorCode.INVALID_QUERY, bad.code());
        assertTrue(bad.getMessage().contains("10.0.0.0/40"), bad.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "2001:db8::/129", "10.0.0/8", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8", "10.0.0.0/08",
            "10.0.0.0/ 8", "bastion.internal", "unknown", "10.0.0.1:443", "[2001:db8::1]", "::ffff:10.0.0.0/8", "fe80::1%eth0",
            "/8", "10.0.0.0/8,10.1.0.0/16"})
    void aBadAddressOrBlockAnswersInvalidQueryNamingItAndWhatIsExpected(String value) {
        for (boolean exporting : List.of(false, true)) {
            LoupeException bad = assertThrows(LoupeException.class, () -> {
                if (exporting) {
                    export("source_ip", value);
                } else {
                    read("source_ip", value);
                }
            });
            assertEquals(ErrorCode.INVALID_QUERY, bad.code(), bad::getMessage);
            assertTrue(bad.getMessage().contains("'" + value.trim() + "'"), bad::getMessage);
            assertTrue(bad.getMessage().contains("CIDR") || bad.getMessage().contains("prefix"), bad::getMessage);
        }
    }

    @Test
    void pipeStagesAreRefusedAndPointToSearch() {
        LoupeException bad = assertThrows(LoupeException.class, () -> read("q", "actor:alice | stats count() by action"));
        assertEquals(ErrorCode.INVALID_QUERY, bad.code());
        assertTrue(bad.getMessage().contains("/api/v1/search"), bad.getMessage());
    }

    @Test
    void anExportReadsEveryMatchInPagesWithoutCounting() {
        AuditExportRequest request = export("actor", "bob");
        assertEquals(AuditExportRequest.Format.CSV, request.format(), "CSV unless told");
        LogSearch page = request.firstPage();
        assertEquals(500, page.limit());
        assertFalse(page.countTotal(), "an export never counts");
        assertNull(page.after());
        assertEquals(List.of(), page.facetFields());
        assertNull(page.histogramInterval());
        assertEquals(LogSearch.Order.NEWEST_FIRST, page.order());
        assertEquals(Set.of(LogKind.AUDIT), page.kinds());
        assertEquals(Set.of("e3", "e4"), found(page));
        assertEquals(AuditExportRequest.Format.NDJSON, export("format", "NDJSON").format());
        assertTrue(export("format", "ndjson", "original", "true").withOriginal());
    }

    @Test
    void anExportRefusesPagingParametersUnknownFormatsAndOriginalInCsv() {
        for (String[] bad : List.of(new String[] {"limit", "10"}, new String[] {"cursor", "abc"}, new String[] {"format", "xlsx"},
                new String[] {"original", "true", "format", "csv"}, new String[] {"original", "maybe", "format", "ndjson"})) {
            LoupeException error = assertThrows(LoupeException.class, () -> export(bad));
            assertEquals(ErrorCode.INVALID_PARAMETER, error.code(), error::getMessage);
            assertTrue(error.getMessage().contains("'" + bad[0] + "'"), error::getMessage);
        }
    }

    @Test
    void badTimesLimitsCursorsAndFacetsAnswerAsSearchDoes() {
        assertEquals(ErrorCode.INVALID_PARAMETER, assertThrows(LoupeException.class, () -> read("from", "now", "to", "now-1h")).code());
        assertEquals(ErrorCode.INVALID_PARAMETER, assertThrows(LoupeException.class, () -> read("limit", "100000")).code());
        assertEquals(ErrorCode.INVALID_CURSOR, assertThrows(LoupeException.class, () -> read("cursor", "not-a-cursor")).code());
        assertEquals(ErrorCode.INVALID_PARAMETER, assertThrows(LoupeException.class, () -> read("facets", "message")).code());
    }
}
