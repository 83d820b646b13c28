package io.huvr.codec.entropy;

import java.io.IOException;

/**
 * The one exception the entropy-coding package throws for bad input data: a corrupt or truncated payload,
 * or a malformed CDF table read from a model file. The message is a single line naming what was wrong.
 */
public final class EntropyCodingException extends IOException {

    private static final long serialVersionUID = 1L;

    public EntropyCodingException(String message) {
        super(message);
    }

    public EntropyCodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
