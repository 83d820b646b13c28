package io.huvr.format;

import java.io.IOException;

/** Runs stream code on in-memory streams, where the only IOException left is a format error. */
final class InMemory {

    interface StreamAction<T> {
        T run() throws IOException;
    }

    private InMemory() {
    }

    static <T> T run(StreamAction<T> action) throws HuvrFormatException {
        try {
            return action.run();
        } catch (HuvrFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("in-memory streams do not fail", e);
        }
    }
}
