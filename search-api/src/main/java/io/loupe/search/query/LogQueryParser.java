package io.loupe.search.query;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/**
 * Turns the {@code q} of a search into a Lucene query: Lucene classic syntax over the log schema
 * (see {@link SchemaQueryParser}), terms joined by AND unless told otherwise, an empty query
 * matching everything. A mistake answers {@link ErrorCode#INVALID_QUERY} naming the column.
 */
public final class LogQueryParser {
    private static final Pattern COLUMN = Pattern.compile("column (\\d+)");

    private LogQueryParser() {
    }

    public static Query parse(String q) {
        if (q == null || q.isBlank()) {
            return new MatchAllDocsQuery();
        }
        try {
            return new SchemaQueryParser().parse(q);
        } catch (ParseException e) {
            throw new LoupeException(ErrorCode.INVALID_QUERY, describe(q, e));
        } catch (IndexSearcher.TooManyClauses e) {
            throw new LoupeException(ErrorCode.INVALID_QUERY, "query '" + q + "' expands to more than "
                    + IndexSearcher.getMaxClauseCount() + " terms; make wildcards more specific");
        }
    }

    private static String describe(String q, ParseException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (cause instanceof ParseException parse && parse.currentToken != null && parse.currentToken.next != null) {
            int column = parse.currentToken.next.beginColumn;
            String found = parse.currentToken.next.image;
            return "query syntax error at column " + column + (found == null || found.isEmpty()
                    ? ": the query ends too early" : " near '" + found + "'") + " in '" + q + "'";
        }
        String message = cause.getMessage() == null ? e.getMessage() : cause.getMessage();
        Matcher column = COLUMN.matcher(message);
        if (column.find()) {
            return "query syntax error at column " + column.group(1) + " in '" + q + "': " + firstLine(message);
        }
        return "invalid query '" + q + "': " + firstLine(message);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
