package io.loupe.search.request;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.LogSearch;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.TimeRange;
import io.loupe.search.SearchConfig;
import io.loupe.search.pipe.PipeSplitter;
import io.loupe.search.query.IpQueries;
import io.loupe.search.query.LogQueryParser;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Reads the parameters of the audit endpoints (query parameters or a JSON body, as search takes
 * them). Both take the filters {@code actor, action, resource, outcome} (one exact value each),
 * {@code source_ip} (an address or a CIDR block, matched by address: {@link IpQueries}), {@code q}
 * (the search query language, without pipe stages: free text and anything else) and
 * {@code from}/{@code to} as search reads them; every filter given must hold, and only
 * {@code kind=audit} events are searched. {@code /api/v1/audit/search} adds {@code limit},
 * {@code cursor}, {@code facets} (default {@value #DEFAULT_FACETS}), {@code histogram} and
 * {@code original}; {@code /api/v1/audit/export} adds {@code format} ({@code csv} or {@code ndjson})
 * and {@code original} (NDJSON only). Every bad value answers 400 naming the parameter and what it
 * accepts; a bad address or block answers {@code INVALID_QUERY}.
 */
public final class AuditRequestReader {
    /** The exact-value filters, each a keyword field of the same name. */
    public static final List<String> KEYWORD_FILTERS = List.of("actor", "action", "resource", "outcome");
    public static final String SOURCE_IP = "source_ip";
    public static final String DEFAULT_FACETS = "actor,action,outcome";

    private final SearchRequestReader search;

    public AuditRequestReader(SearchConfig config) {
        this.search = new SearchRequestReader(config);
    }

    public AuditRequest read(Function<String, String> params, Instant now) {
        TimeRange range = SearchRequestReader.range(params, now, "now-1h", "now");
        String facets = params.apply("facets");
        LogSearch page = new LogSearch(query(params), range, Set.of(LogKind.AUDIT), search.limit(params.apply("limit")),
                SearchRequestReader.cursor(params.apply("cursor")), search.histogram(params.apply("histogram"), range),
                SearchRequestReader.facets(facets == null || facets.isBlank() ? DEFAULT_FACETS : facets), SearchConfig.FACET_SIZE);
        return new AuditRequest(page, SearchRequestReader.bool(params.apply("original"), "original"));
    }

    /** @param pageRows the events one page of the export reads ({@code search.export_page_rows}) */
    public AuditExportRequest readExport(Function<String, String> params, Instant now, int pageRows) {
        for (String paging : List.of("limit", "cursor")) {
            String value = params.apply(paging);
            if (value != null && !value.isBlank()) {
                throw SearchRequestReader.invalid("parameter '" + paging + "' is not taken by an export: it streams every matching"
                        + " event; narrow it with from, to and the filters, or page with /api/v1/audit/search");
            }
        }
        AuditExportRequest.Format format = format(params.apply("format"));
        boolean original = SearchRequestReader.bool(params.apply("original"), "original");
        if (original && format != AuditExportRequest.Format.NDJSON) {
            throw SearchRequestReader.invalid("parameter 'original' needs format=ndjson: a CSV row has no column for the event as received");
        }
        LogSearch firstPage = new LogSearch(query(params), SearchRequestReader.range(params, now, "now-1h", "now"), Set.of(LogKind.AUDIT), pageRows, null, null,
                List.of(), 0, LogSearch.Order.NEWEST_FIRST, false);
        return new AuditExportRequest(firstPage, format, original);
    }

    private static AuditExportRequest.Format format(String value) {
        if (value == null || value.isBlank()) {
            return AuditExportRequest.Format.CSV;
        }
        for (AuditExportRequest.Format format : AuditExportRequest.Format.values()) {
            if (format.wireName().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw SearchRequestReader.invalid("parameter 'format' must be csv or ndjson, got '" + value + "'");
    }

    /** The filters and {@code q}, all required; everything when none is given. */
    static Query query(Function<String, String> params) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        boolean any = false;
        String q = params.apply("q");
        if (q != null && !q.isBlank()) {
            if (PipeSplitter.split(q).hasStages()) {
                throw new LoupeException(ErrorCode.INVALID_QUERY, "q of an audit search takes no pipe stages: '" + q
                        + "'; run stats on audit events with /api/v1/search?kind=audit");
            }
            all.add(LogQueryParser.parse(q), BooleanClause.Occur.MUST);
            any = true;
        }
        for (String field : KEYWORD_FILTERS) {
            String value = params.apply(field);
            if (value != null && !value.isEmpty()) {
                all.add(new TermQuery(new Term(field, value)), BooleanClause.Occur.FILTER);
                any = true;
            }
        }
        String sourceIp = params.apply(SOURCE_IP);
        if (sourceIp != null && !sourceIp.isBlank()) {
            try {
                all.add(IpQueries.addressOrBlock(SOURCE_IP, sourceIp.trim()), BooleanClause.Occur.FILTER);
            } catch (IllegalArgumentException e) {
                throw new LoupeException(ErrorCode.INVALID_QUERY, e.getMessage());
            }
            any = true;
        }
        return any ? all.build() : new MatchAllDocsQuery();
    }
}
