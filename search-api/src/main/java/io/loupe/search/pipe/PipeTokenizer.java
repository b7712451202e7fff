package io.loupe.search.pipe;

import io.loupe.index.api.ErrorCode;
import io.loupe.index.api.LoupeException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a stage's text into tokens. Words are letters, digits and {@code _ . @ -} (a {@code -} only
 * inside a word, so {@code sort -f} reads a minus and a name), starting with a letter, {@code _} or
 * {@code @}, or with a digit when letters follow ({@code 5m}); numbers are decimal, optionally with a
 * fraction and exponent.
 */
final class PipeTokenizer {

    private PipeTokenizer() {
    }

    static List<PipeToken> tokenize(PipeSplitter.StageText stage) {
        String text = stage.text();
        List<PipeToken> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int column = stage.offset() + i + 1;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '@') {
                int end = i;
                while (end < text.length() && isWordPart(text.charAt(end))) {
                    end++;
                }
                String word = text.substring(i, end);
                tokens.add(new PipeToken(isNumber(word) ? PipeToken.Type.NUMBER : PipeToken.Type.WORD, word, column));
                i = end;
            } else if (c == '>' || c == '<' || c == '=' || c == '!') {
                boolean twoChars = i + 1 < text.length() && text.charAt(i + 1) == '=';
                String op = text.substring(i, i + (twoChars ? 2 : 1));
                if (op.equals("!")) {
                    throw new LoupeException(ErrorCode.INVALID_QUERY, "pipe syntax error at column " + column
                            + ": '!' must be followed by '=' (not equal)");
                }
                tokens.add(new PipeToken(PipeToken.Type.SYMBOL, op, column));
                i += op.length();
            } else if ("(),-+".indexOf(c) >= 0) {
                tokens.add(new PipeToken(PipeToken.Type.SYMBOL, String.valueOf(c), column));
                i++;
            } else {
                throw new LoupeException(ErrorCode.INVALID_QUERY, "pipe syntax error at column " + column
                        + ": unexpected character '" + c + "'");
            }
        }
        tokens.add(new PipeToken(PipeToken.Type.END, "", stage.offset() + text.length() + 1));
        return tokens;
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '@' || c == '-';
    }

    private static boolean isNumber(String word) {
        try {
            Double.parseDouble(word);
            return Character.isDigit(word.charAt(0)) && !word.endsWith("d") && !word.endsWith("f")
                    && !word.endsWith("D") && !word.endsWith("F");
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
