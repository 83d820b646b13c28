package io.huvr.codec.entropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

/**
 * The outcome of feeding a decoder mutated payloads: each must decode to {@code count} symbols or fail with a
 * one-line {@link EntropyCodingException}, within a time limit for the whole loop and a bound on what each
 * decode allocates; any other exception fails the test.
 */
record CorruptionReport(int iterations, int rejected, long mostBytesAllocatedByOneDecode) {

    /** Beyond the decoded symbols themselves: exceptions, messages, and classes loaded on first use. */
    private static final long ALLOCATION_ALLOWANCE = 1024 * 1024;

    static CorruptionReport run(SymbolSequenceCoder coder, int[][] streams, TableSelector tables, int iterations,
            Random random) {
        return assertTimeoutPreemptively(Duration.ofMinutes(2), () -> loop(coder, streams, tables, iterations, random));
    }

    private static CorruptionReport loop(SymbolSequenceCoder coder, int[][] streams, TableSelector tables,
            int iterations, Random random) throws EntropyCodingException {
        byte[][] payloads = new byte[streams.length][];
        for (int s = 0; s < streams.length; s++) {
            payloads[s] = coder.encode(streams[s], tables);
            // Intact first, which also builds every slot lookup before allocation is measured.
            assertEquals(Arrays.toString(streams[s]),
                    Arrays.toString(coder.decode(payloads[s], streams[s].length, tables)));
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int rejected = 0;
        long mostAllocated = 0;
        for (int iteration = 0; iteration < iterations; iteration++) {
            int s = random.nextInt(streams.length);
            byte[] mutated = mutate(payloads[s], random);
            int count = random.nextInt(10) == 0
                    ? Math.max(0, streams[s].length + random.nextInt(5) - 2)
                    : streams[s].length;
            long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            try {
                assertEquals(count, coder.decode(mutated, count, tables).length);
            } catch (EntropyCodingException e) {
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
                rejected++;
            } catch (RuntimeException e) {
                throw new AssertionError("iteration " + iteration + ": " + e, e);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
            mostAllocated = Math.max(mostAllocated, allocated);
            assertTrue(allocated <= 8L * count + ALLOCATION_ALLOWANCE,
                    "iteration " + iteration + " allocated " + allocated + " bytes");
        }
        return new CorruptionReport(iterations, rejected, mostAllocated);
    }

    private static byte[] mutate(byte[] payload, Random random) {
        byte[] mutated = payload.clone();
        int length = payload.length;
        switch (random.nextInt(7)) {
            case 0 -> {
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    mutated[random.nextInt(length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> mutated[random.nextInt(length)] = (byte) random.nextInt(256);
            case 2 -> mutated = Arrays.copyOf(payload, random.nextInt(length));
            case 3 -> {
                mutated = Arrays.copyOf(payload, length + 1 + random.nextInt(8));
                for (int i = length; i < mutated.length; i++) {
                    mutated[i] = (byte) random.nextInt(256);
                }
            }
            case 4 -> {
                int removed = random.nextInt(length);
                mutated = new byte[length - 1];
                System.arraycopy(payload, 0, mutated, 0, removed);
                System.arraycopy(payload, removed + 1, mutated, removed, length - removed - 1);
            }
            case 5 -> {
                int inserted = random.nextInt(length + 1);
                mutated = new byte[length + 1];
                System.arraycopy(payload, 0, mutated, 0, inserted);
                mutated[inserted] = (byte) random.nextInt(256);
                System.arraycopy(payload, inserted, mutated, inserted + 1, length - inserted);
            }
            default -> {
                mutated = new byte[random.nextInt(2 * length + 1)];
                random.nextBytes(mutated);
            }
        }
        return mutated;
    }
}
