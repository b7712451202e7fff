package io.loupe.search.request;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.IndexedFields;
import io.loupe.index.api.LogFields;
import io.loupe.index.api.LogKind;
import io.loupe.index.api.LogSearch;
import io.loupe.index.api.LoupeException;
import io.loupe.index.api.TimeRange;
import java.time.Instant;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads {@code GET /api/v1/fields?from&to&kind} and {@code GET /api/v1/fields/{name}/values?q&from&to&kind&limit}
 * with the same parameter rules and defaults as a search ({@link SearchRequestReader}): top values are
 * a search facet of one field, so they work on keyword fields and attributes (numbers counted by
 * their decimal text); the other fields are refused with the reason.
 */
public final class FieldRequestReader {
    public static final int DEFAULT_VALUES = 10;
    public static final int MAX_VALUES = 1000;

    /** The range and kinds of a field listing. */
    public record Listing(TimeRange range, Set<LogKind> kinds) {
    }

    private final SearchRequestReader searchReader;

    public FieldRequestReader(SearchRequestReader searchReader) {
        this.searchReader = searchReader;
    }

    public Listing readListing(Function<String, String> params, Instant now) {
        LogSearch search = searchReader.read(only(params, "from", "to", "kind"), now).search();
        return new Listing(search.range(), search.kinds());
    }

    /** A search that counts the top {@code limit} values of the field over the matching events, without hits. */
    public LogSearch readValues(String field, Function<String, String> params, Instant now) {
        refuseUncountable(field);
        int limit = limit(params.apply("limit"));
        Function<String, String> base = only(params, "q", "from", "to", "kind");
        LogSearch search = searchReader.read(name -> switch (name) {
            case "facets" -> field;
            case "limit" -> "0";
            default -> base.apply(name);
        }, now).search();
        return new LogSearch(search.query(), search.range(), search.kinds(), 0, null, null, search.facetFields(), limit);
    }

    private static void refuseUncountable(String field) {
        String why = switch (field) {
            case LogFields.MESSAGE -> "it is full text (words, not values); search it with q=message:<word>";
            case LogFields.TIMESTAMP -> "every event has its own; count events over time with /api/v1/search?histogram=auto";
            case LogFields.KIND -> "it is one of system, application, audit; filter with kind=";
            default -> null;
        };
        if (why == null && IndexedFields.LOOKUP_ONLY.contains(field)) {
            why = "ids (" + String.join(", ", IndexedFields.LOOKUP_ONLY.stream().sorted().toList())
                    + ") are indexed for exact lookup only, without values to count; query them with " + field + ":<value>";
        }
        if (why == null && field.startsWith("_")) {
            why = "it is internal to the index";
        }
        if (why == null && field.isBlank()) {
            why = "the name is empty; list the fields with /api/v1/fields";
        }
        if (why != null) {
            throw new LoupeException(ErrorCode.INVALID_PARAMETER, "cannot list values of field '" + field + "': " + why);
        }
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_VALUES;
        }
        int limit;
        try {
            limit = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_VALUES) {
            throw new LoupeException(ErrorCode.INVALID_PARAMETER, "parameter 'limit' must be a whole number from 1 to "
                    + MAX_VALUES + ", got '" + value + "'");
        }
        return limit;
    }

    private static Function<String, String> only(Function<String, String> params, String... names) {
        Set<String> allowed = Set.of(names);
        return name -> allowed.contains(name) ? params.apply(name) : null;
    }
}
