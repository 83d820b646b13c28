package io.huvr.lite;

import java.io.IOException;

/** A bitstream or model that huvr-lite refuses, with a one-line reason. */
public final class LiteDecodeException extends IOException {
    public LiteDecodeException(String message) {
        super(message);
    }

    public LiteDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
