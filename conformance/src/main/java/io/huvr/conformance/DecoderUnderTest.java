package io.huvr.conformance;

import java.nio.file.Path;
import java.time.Duration;

/** A decoder the runner checks: it turns {@code input} (a .huvr file) into {@code output} (a PNG) or refuses. */
public interface DecoderUnderTest {

    /** What one decoding attempt did. */
    enum Kind {
        /** Reported success (exit code 0): the output file should be there. */
        DECODED,
        /** Refused the bitstream cleanly (exit code 1, or an {@link java.io.IOException} in process). */
        REJECTED,
        /** Failed any other way: another exit code, a signal, an unexpected exception. */
        CRASHED,
        /** Did not finish within the time limit and was stopped. */
        TIMED_OUT
    }

    /** @param message the decoder's own words (its last line of standard error, or the exception) */
    record Outcome(Kind kind, String message) {
    }

    /** Decodes one file; must return within about {@code limit} (stopping the decoder if need be). */
    Outcome decode(Path input, Path output, Duration limit);

    /** A short name for reports. */
    String name();
}
