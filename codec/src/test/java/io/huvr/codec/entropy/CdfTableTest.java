package io.huvr.codec.entropy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CdfTableTest {

    @Test
    void frequenciesGiveTheRangeAndTheEscape() {
        CdfTable table = CdfTable.fromFrequencies(-1, new int[] {3, 8, 4, 1}, 4);

        assertEquals(-1, table.minSymbol());
        assertEquals(1, table.maxSymbol());
        assertEquals(4, table.precisionBits());
        assertEquals(3, table.frequencyOf(-1));
        assertEquals(8, table.frequencyOf(0));
        assertEquals(4, table.frequencyOf(1));
        assertEquals(1, table.frequencyOf(2));
        assertEquals(1, table.frequencyOf(Integer.MIN_VALUE));
        assertArrayEquals(new int[] {4, -1, 3, 0, 3, 11, 15, 16}, table.toInts());
    }

    @Test
    void probabilitiesAreSharedInProportionAfterOneEach() {
        CdfTable exact = CdfTable.fromProbabilities(0, new double[] {0.5, 0.25, 0.25, 0}, 3);
        CdfTable rounded = CdfTable.fromProbabilities(0, new double[] {0.1, 0.6, 0.3, 0}, 4);

        assertArrayEquals(new int[] {3, 2, 2, 1}, frequencies(exact));
        assertArrayEquals(new int[] {2, 8, 5, 1}, frequencies(rounded));
    }

    @Test
    void equalRemaindersGoToTheLowerIndex() {
        CdfTable table = CdfTable.fromProbabilities(0, new double[] {1, 1, 1}, 3);

        assertArrayEquals(new int[] {3, 3, 2}, frequencies(table));
    }

    @Test
    void integerisedProbabilitiesAlwaysMakeAValidTable() {
        Random random = new Random(11);
        for (int trial = 0; trial < 300; trial++) {
            int precisionBits = 1 + random.nextInt(CdfTable.MAX_PRECISION_BITS);
            double[] pmf = new double[2 + random.nextInt(Math.min(200, (1 << precisionBits) - 1))];
            for (int k = 0; k < pmf.length; k++) {
                pmf[k] = random.nextInt(4) == 0 ? 0 : Math.pow(random.nextDouble(), 8);
            }
            pmf[random.nextInt(pmf.length)] = 1;

            int[] frequencies = frequencies(CdfTable.fromProbabilities(0, pmf, precisionBits));

            assertEquals(1 << precisionBits, Arrays.stream(frequencies).sum());
            assertTrue(Arrays.stream(frequencies).allMatch(f -> f >= 1));
        }
    }

    @Test
    void unusableProbabilitiesAreRejected() {
        double[][] pmfs = {{1, Double.NaN}, {1, -0.5}, {0, 0}, {1}, new double[5], {1, 1}, {1, 1}};
        int[] precisions = {8, 8, 8, 8, 2, 17, 0};
        for (int c = 0; c < pmfs.length; c++) {
            double[] pmf = pmfs[c];
            int precisionBits = precisions[c];
            assertThrows(IllegalArgumentException.class, () -> CdfTable.fromProbabilities(0, pmf, precisionBits),
                    Arrays.toString(pmf) + " at " + precisionBits + " bits");
        }
    }

    @Test
    void unusableFrequenciesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> CdfTable.fromFrequencies(0, new int[] {3, 0, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> CdfTable.fromFrequencies(0, new int[] {3, 3, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> CdfTable.fromFrequencies(0, new int[] {1, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> CdfTable.fromFrequencies(0, new int[] {4}, 2));
        assertThrows(IllegalArgumentException.class,
                () -> CdfTable.fromFrequencies(Integer.MAX_VALUE, new int[] {1, 1, 2}, 2));
    }

    @Test
    void intsRoundTrip() throws EntropyCodingException {
        for (CdfTable table : LaplacianSource.tables(20, 14, new Random(5))) {
            int[] ints = table.toInts();

            assertArrayEquals(ints, CdfTable.fromInts(ints).toInts());
        }
    }

    @Test
    void malformedIntsAreRejectedWithAOneLineMessage() {
        int[][] malformed = {
            {},
            {4, 0},
            {0, 0, 1, 0, 1, 1},           // precision 0
            {17, 0, 1, 0, 1, 131072},      // precision above 16
            {4, 0, 2, 0, 8, 16},           // declares 2 symbols, holds 1
            {4, 0, -1, 0, 16},             // negative symbol count
            {4, 0, 0, 0, 16},              // no symbol besides the escape
            {4, 0, 1, 1, 8, 16},           // does not start at 0
            {4, 0, 2, 0, 8, 8, 16},        // a zero frequency
            {4, 0, 2, 0, 9, 8, 16},        // decreasing
            {4, 0, 1, 0, 8, 15},           // wrong total
            {4, Integer.MAX_VALUE, 2, 0, 8, 12, 16}, // range overflows int
        };
        for (int[] ints : malformed) {
            EntropyCodingException e =
                    assertThrows(EntropyCodingException.class, () -> CdfTable.fromInts(ints), Arrays.toString(ints));
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void slotsMapToTheSymbolOwningThem() {
        CdfTable table = CdfTable.fromFrequencies(-1, new int[] {3, 8, 4, 1}, 4);
        int[] expected = {0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 3};

        for (int slot = 0; slot < 16; slot++) {
            assertEquals(expected[slot], table.indexAtSlot(slot));
        }
    }

    @Test
    void coarseLookupOfFineTablesFindsTheOwnerOfEverySlot() {
        for (int precisionBits : new int[] {13, 16}) {
            for (CdfTable table : LaplacianSource.tables(6, precisionBits, new Random(precisionBits))) {
                for (int slot = 0; slot < 1 << precisionBits; slot++) {
                    int index = table.indexAtSlot(slot);
                    assertTrue(table.start(index) <= slot && slot < table.start(index) + table.frequency(index));
                }
            }
        }
    }

    private static int[] frequencies(CdfTable table) {
        int[] ints = table.toInts();
        int[] frequencies = new int[ints.length - 4];
        for (int k = 0; k < frequencies.length; k++) {
            frequencies[k] = ints[k + 4] - ints[k + 3];
        }
        return frequencies;
    }
}
