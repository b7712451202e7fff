package io.loupe.search.pipe;

/**
 * One token of a pipe stage.
 *
 * @param type   what it is
 * @param text   its text
 * @param column its 1-based column in the whole search text, as error messages name it
 */
record PipeToken(Type type, String text, int column) {

    enum Type {
        /** a name (stage, function, field) or an interval such as {@code 5m} */
        WORD,
        NUMBER,
        /** {@code ( ) , - + =} and the comparisons {@code > >= < <= == !=} */
        SYMBOL,
        END
    }

    boolean is(String symbolOrWord) {
        return type != Type.END && text.equalsIgnoreCase(symbolOrWord);
    }

    String describe() {
        return type == Type.END ? "the end of the stage" : "'" + text + "'";
    }
}
