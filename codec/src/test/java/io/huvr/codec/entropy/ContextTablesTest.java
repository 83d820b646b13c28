package io.huvr.codec.entropy;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContextTablesTest {
    private static final int GLOBAL = 2;
    private static final int CHANNELS = 3;
    private static final int SIDE = 4;
    private static final int SYMBOLS = GLOBAL + SIDE * SIDE * CHANNELS;
    private static final RansCoder CODER = new RansCoder();

    /**
     * Tiles whose patch symbols follow their left and upper neighbours (a smooth field plus noise), as the TinToks
     * of neighbouring patches of a photo do; channel c's field has its own strength.
     */
    private static int[] correlatedTile(Random random) {
        int[] s = new int[SYMBOLS];
        s[0] = random.nextInt(5) - 2;
        s[1] = random.nextInt(3) - 1;
        for (int token = 0; token < SIDE * SIDE; token++) {
            for (int c = 0; c < CHANNELS; c++) {
                int position = GLOBAL + token * CHANNELS + c;
                double left = token % SIDE > 0 ? s[position - CHANNELS] : 0;
                double up = token >= SIDE ? s[position - SIDE * CHANNELS] : 0;
                s[position] = (int) Math.round(0.48 * (left + up) + (0.6 + 0.4 * c) * random.nextGaussian());
            }
        }
        return s;
    }

    @Test
    void contextTablesCodeCorrelatedTokensInFewerBitsAndRoundTrip() throws EntropyCodingException {
        Random random = new Random(7);
        int[][] training = new int[4000][];
        for (int i = 0; i < training.length; i++) {
            training[i] = correlatedTile(random);
        }
        CdfTable[] global = LaplacianSource.tables(GLOBAL, 16, random);
        CdfTable[] marginal = LaplacianSource.tables(CHANNELS, 16, random);
        ContextStatistics statistics = new ContextStatistics(GLOBAL, CHANNELS, SIDE);
        for (int[] tile : training) {
            statistics.add(tile);
        }
        ContextTables context = statistics.tables(marginal, 16);
        CdfTable[] fittedMarginal = fittedMarginal(training, marginal);
        TableSelector inContext = TableSelector.forTile(global, context, SIDE);
        TableSelector factorized = TableSelector.forTile(global, fittedMarginal);

        long contextBytes = 0;
        long factorizedBytes = 0;
        for (int i = 0; i < 300; i++) {
            int[] tile = correlatedTile(random);
            byte[] payload = CODER.encode(tile, inContext);
            assertArrayEquals(tile, CODER.decode(payload, tile.length, inContext));
            contextBytes += payload.length;
            factorizedBytes += CODER.encode(tile, factorized).length;
        }
        assertEquals(CHANNELS, context.channels());
        assertTrue(contextBytes < 0.92 * factorizedBytes,
                "in context " + contextBytes + " bytes, factorized " + factorizedBytes);
    }

    /** Each channel's empirical distribution over the training tiles: the best factorized model to compare with. */
    private static CdfTable[] fittedMarginal(int[][] tiles, CdfTable[] range) {
        CdfTable[] tables = new CdfTable[CHANNELS];
        for (int c = 0; c < CHANNELS; c++) {
            int low = range[c].minSymbol();
            double[] pmf = new double[range[c].maxSymbol() - low + 2];
            java.util.Arrays.fill(pmf, 0.5);
            for (int[] tile : tiles) {
                for (int position = GLOBAL + c; position < tile.length; position += CHANNELS) {
                    int v = tile[position];
                    pmf[v >= low && v <= range[c].maxSymbol() ? v - low : pmf.length - 1]++;
                }
            }
            tables[c] = CdfTable.fromProbabilities(low, pmf, 16);
        }
        return tables;
    }

    @Test
    void neighboursOutsideTheTileAreZeroAndExtremeOnesAreClipped() throws EntropyCodingException {
        Random random = new Random(3);
        ContextStatistics statistics = new ContextStatistics(GLOBAL, CHANNELS, SIDE);
        statistics.add(correlatedTile(random));
        ContextTables context = statistics.tables(LaplacianSource.tables(CHANNELS, 12, random), 12);
        TableSelector selector = TableSelector.forTile(LaplacianSource.tables(GLOBAL, 12, random), context, SIDE);
        int[] tile = correlatedTile(random);
        tile[GLOBAL + CHANNELS] = Integer.MAX_VALUE;                  // token 1, channel 0
        tile[GLOBAL + SIDE * CHANNELS + 1] = Integer.MIN_VALUE;       // token 4 (row 1), channel 1

        // Table numbers as entropy-coding.md section 1.1 writes them: (c * 7 + clip(left)) * 7 + clip(above).
        CdfTable[] all = context.tables();
        assertSame(all[(2 * 7 + 3) * 7 + 3], selector.tableAt(GLOBAL + 2, tile), "token 0: both neighbours 0");
        assertSame(all[(0 * 7 + 6) * 7 + 3], selector.tableAt(GLOBAL + 2 * CHANNELS, tile), "left = MAX_VALUE -> 3");
        assertSame(all[(1 * 7 + 3) * 7 + 0], selector.tableAt(GLOBAL + 2 * SIDE * CHANNELS + 1, tile),
                "token 8 (row 2, column 0): no left, above = MIN_VALUE -> -3");
        int left = Math.max(-3, Math.min(3, tile[GLOBAL + 4 * CHANNELS]));
        int above = Math.max(-3, Math.min(3, tile[GLOBAL + CHANNELS]));
        assertSame(all[(left + 3) * 7 + above + 3], selector.tableAt(GLOBAL + 5 * CHANNELS, tile), "token 5, channel 0");
        assertArrayEquals(tile, CODER.decode(CODER.encode(tile, selector), tile.length, selector));
    }

    @Test
    void aPartialSetOfTablesIsRejected() {
        CdfTable table = LaplacianSource.table(1, 3, 12);
        CdfTable[] tooFew = new CdfTable[ContextTables.CONTEXTS - 1];
        java.util.Arrays.fill(tooFew, table);
        assertThrows(IllegalArgumentException.class, () -> new ContextTables(tooFew));
        assertThrows(IllegalArgumentException.class, () -> new ContextTables(new CdfTable[0]));
        assertThrows(IllegalArgumentException.class,
                () -> new ContextStatistics(GLOBAL, CHANNELS, SIDE).tables(new CdfTable[] {table}, 12));
    }
}
