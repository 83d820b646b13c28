package io.huvr.codec.entropy;

import java.util.Arrays;
import java.util.Random;

/**
 * Prints the speed of both coders on Laplacian token streams. A main, not a test, so timing never fails a
 * build: run it from the test classpath with {@code java ... io.huvr.codec.entropy.EntropyCodingBenchmark}.
 */
public final class EntropyCodingBenchmark {

    private static final int SYMBOLS = 4_000_000;
    private static final int ROUNDS = 5;

    private EntropyCodingBenchmark() {
    }

    public static void main(String[] args) throws EntropyCodingException {
        Random random = new Random(1);
        for (int precisionBits : new int[] {12, 16}) {
            TableSelector tables = TableSelector.forTile(LaplacianSource.tables(32, precisionBits, random),
                    LaplacianSource.tables(64, precisionBits, random));
            int[] symbols = LaplacianSource.stream(tables, SYMBOLS, random);
            measure("rANS, " + precisionBits + "-bit tables", new RansCoder(), symbols, tables);
        }
        // Level 19 encodes under a million symbols a second: a shorter stream keeps the run short.
        TableSelector tables = TableSelector.forTile(LaplacianSource.tables(32, 12, random),
                LaplacianSource.tables(64, 12, random));
        int[] symbols = LaplacianSource.stream(tables, SYMBOLS / 8, random);
        measure("zstd level " + ZstdCoder.DEFAULT_LEVEL, new ZstdCoder(), symbols, tables);
    }

    /** Prints the median of several rounds, after as many rounds of warm-up. */
    private static void measure(String name, SymbolSequenceCoder coder, int[] symbols, TableSelector tables)
            throws EntropyCodingException {
        long[] encodeNanos = new long[ROUNDS];
        long[] decodeNanos = new long[ROUNDS];
        byte[] payload = null;
        for (int round = -ROUNDS; round < ROUNDS; round++) {
            long start = System.nanoTime();
            payload = coder.encode(symbols, tables);
            long encoded = System.nanoTime();
            int[] decoded = coder.decode(payload, symbols.length, tables);
            long end = System.nanoTime();
            if (!Arrays.equals(symbols, decoded)) {
                throw new IllegalStateException(name + " did not round-trip");
            }
            if (round >= 0) {
                encodeNanos[round] = encoded - start;
                decodeNanos[round] = end - encoded;
            }
        }
        System.out.printf("%-24s %6.2f bits/symbol  encode %6.1f M symbols/s  decode %6.1f M symbols/s%n", name,
                8.0 * payload.length / symbols.length, symbolsPerMicrosecond(symbols.length, encodeNanos),
                symbolsPerMicrosecond(symbols.length, decodeNanos));
    }

    private static double symbolsPerMicrosecond(int symbols, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return symbols * 1e3 / sorted[sorted.length / 2];
    }
}
