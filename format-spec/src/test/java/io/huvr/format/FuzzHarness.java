package io.huvr.format;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.huvr.format.HuvrFormatException.Reason;
import java.io.IOException;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds inputs to a reader and holds it to its contract: it returns or throws {@link HuvrFormatException},
 * never anything else, quickly, allocating in proportion to the input rather than to what the input claims.
 */
final class FuzzHarness<T> {

    interface Reader<T> {
        T read(byte[] input) throws IOException;
    }

    interface AcceptedCheck<T> {
        void check(T parsed) throws IOException;
    }

    /** Generous: JIT compilation and GC pauses land in single parses; a hang or quadratic blow-up does not fit. */
    private static final long MAX_PARSE_NANOS = 1_000_000_000L;
    private static final long ALLOCATION_ALLOWANCE_BYTES = 1024 * 1024;
    private static final long ALLOCATION_PER_INPUT_BYTE = 8;

    private final String label;
    private final Reader<T> reader;
    private final AcceptedCheck<T> acceptedCheck;
    private final Map<Reason, Integer> reasons = new EnumMap<>(Reason.class);
    private int iterations;
    private int accepted;
    private long slowestNanos;
    private long mostAllocated;
    private String mostAllocatedBy = "none";

    FuzzHarness(String label, Reader<T> reader, AcceptedCheck<T> acceptedCheck) {
        this.label = label;
        this.reader = reader;
        this.acceptedCheck = acceptedCheck;
    }

    /** Reads valid files once, unmeasured, so that class initialisation does not count as a parse's allocation. */
    void warmUp(List<byte[]> validFiles) throws IOException {
        for (byte[] file : validFiles) {
            reader.read(file);
        }
    }

    void feed(byte[] input) {
        iterations++;
        long allocatedBefore = AllocationMeter.allocatedBytes();
        long start = System.nanoTime();
        T parsed = null;
        try {
            parsed = reader.read(input);
        } catch (HuvrFormatException e) {
            reasons.merge(e.reason(), 1, Integer::sum);
            assertTrue(e.getMessage().lines().count() == 1, () -> failure("gave a message of several lines", input));
        } catch (Throwable unexpected) {
            throw new AssertionError(failure("threw " + unexpected, input), unexpected);
        }
        long nanos = System.nanoTime() - start;
        long allocated = AllocationMeter.allocatedBytes() - allocatedBefore;
        slowestNanos = Math.max(slowestNanos, nanos);
        if (allocated > mostAllocated) {
            mostAllocated = allocated;
            mostAllocatedBy = "iteration " + iterations + ", " + input.length + "-byte input";
        }
        assertTrue(nanos < MAX_PARSE_NANOS, () -> failure("took " + nanos / 1_000_000 + " ms", input));
        assertTrue(allocated <= ALLOCATION_ALLOWANCE_BYTES + ALLOCATION_PER_INPUT_BYTE * input.length,
                () -> failure("allocated " + allocated + " bytes", input));
        if (parsed != null) {
            accepted++;
            try {
                acceptedCheck.check(parsed);
            } catch (IOException | RuntimeException e) {
                throw new AssertionError(failure("accepted input fails its check: " + e, input), e);
            }
        }
    }

    int distinctReasons() {
        return reasons.size();
    }

    int iterations() {
        return iterations;
    }

    String summary() {
        return String.format("%s fuzz: %d iterations, %d accepted, %d distinct reasons, slowest parse %.1f ms,"
                        + " most allocated by one parse %d KiB (%s)%n  reasons: %s", label, iterations, accepted,
                reasons.size(), slowestNanos / 1e6, mostAllocated / 1024, mostAllocatedBy, reasons);
    }

    private String failure(String what, byte[] input) {
        return label + " iteration " + iterations + ": the reader " + what + " on input (base64) "
                + Base64.getEncoder().encodeToString(input);
    }
}
