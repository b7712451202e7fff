package io.loupe.index.api;

/** A failure with a client-visible {@link ErrorCode}; the one error handler turns it into a JSON body. */
public class LoupeException extends RuntimeException {
    private final ErrorCode code;

    public LoupeException(ErrorCode code, String detail) {
        super(code.format(detail));
        this.code = code;
    }

    public LoupeException(ErrorCode code, String detail, Throwable cause) {
        super(code.format(detail), cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
