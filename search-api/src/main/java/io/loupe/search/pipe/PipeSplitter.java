package io.loupe.search.pipe;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a search text at its pipes: {@code q | stage | stage}. A pipe inside double quotes, escaped
 * ({@code \|}) or doubled ({@code ||}, the classic syntax's OR) is part of the query, not a cut.
 */
public final class PipeSplitter {

    /**
     * The query before the first pipe and the stages after it.
     *
     * @param query  the Lucene classic query text (may be blank)
     * @param stages each stage's text with its offset in the whole search text
     */
    public record Split(String query, List<StageText> stages) {
        public boolean hasStages() {
            return !stages.isEmpty();
        }
    }

    /** One stage's text and where it starts in the whole search text (0-based). */
    public record StageText(String text, int offset) {
    }

    private PipeSplitter() {
    }

    public static Split split(String q) {
        if (q == null) {
            return new Split(null, List.of());
        }
        List<Integer> cuts = new ArrayList<>();
        boolean quoted = false;
        for (int i = 0; i < q.length(); i++) {
            char c = q.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '|' && !quoted) {
                if (i + 1 < q.length() && q.charAt(i + 1) == '|') {
                    i++;
                } else {
                    cuts.add(i);
                }
            }
        }
        if (cuts.isEmpty()) {
            return new Split(q, List.of());
        }
        List<StageText> stages = new ArrayList<>();
        for (int n = 0; n < cuts.size(); n++) {
            int start = cuts.get(n) + 1;
            int end = n + 1 < cuts.size() ? cuts.get(n + 1) : q.length();
            stages.add(new StageText(q.substring(start, end), start));
        }
        return new Split(q.substring(0, cuts.getFirst()), stages);
    }
}
