package io.loupe.ingest.elastic;

import io.loupe.index.api.LogKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Maps an Elasticsearch index (or data stream) name to the kind its documents are stored as:
 * glob=kind pairs ({@code *} matches any run of characters, case-insensitive), the first match wins,
 * {@link LogKind#APPLICATION} when none matches. {@code logs-system.auth-default} under the default
 * {@code *auth*=audit} is audit. Immutable.
 */
public final class IndexKinds {
    private final List<Rule> rules;

    private record Rule(String glob, Pattern pattern, LogKind kind) {
    }

    private IndexKinds(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** @throws IllegalArgumentException naming the pair that is not {@code glob=kind} */
    public static IndexKinds parse(String pairs) {
        List<Rule> rules = new ArrayList<>();
        for (String pair : pairs.split(",")) {
            String trimmed = pair.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.lastIndexOf('=');
            LogKind kind = equals < 0 ? null : LogKind.fromWireName(trimmed.substring(equals + 1).trim().toLowerCase(Locale.ROOT));
            if (equals <= 0 || kind == null) {
                throw new IllegalArgumentException("elastic.index_kinds: '" + trimmed
                        + "' is not glob=kind with kind one of system, application, audit");
            }
            String glob = trimmed.substring(0, equals).trim();
            rules.add(new Rule(glob, globPattern(glob), kind));
        }
        return new IndexKinds(rules);
    }

    private static Pattern globPattern(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String part : glob.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    public LogKind kindOf(String index) {
        for (Rule rule : rules) {
            if (rule.pattern.matcher(index).matches()) {
                return rule.kind;
            }
        }
        return LogKind.APPLICATION;
    }
}
