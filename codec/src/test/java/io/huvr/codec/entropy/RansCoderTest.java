package io.huvr.codec.entropy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RansCoderTest {

    private static final RansCoder CODER = new RansCoder();
    /** The worked example of format-spec/spec/entropy-coding.md. */
    private static final CdfTable EXAMPLE_TABLE = CdfTable.fromFrequencies(-1, new int[] {3, 8, 4, 1}, 4);
    private static final int[] EXAMPLE_SYMBOLS = {0, 3, -1};
    private static final String EXAMPLE_PAYLOAD = "baaaaa0216";

    @Test
    void exampleOfTheSpecificationCodesToItsBytes() throws EntropyCodingException {
        byte[] payload = CODER.encode(EXAMPLE_SYMBOLS, (position, symbols) -> EXAMPLE_TABLE);

        assertEquals(EXAMPLE_PAYLOAD, HexFormat.of().formatHex(payload));
        assertArrayEquals(EXAMPLE_SYMBOLS, CODER.decode(payload, 3, (position, symbols) -> EXAMPLE_TABLE));
    }

    @Test
    void fixedInterleavedStreamKeepsItsBytes() {
        Random random = new Random(2024);
        TableSelector tables = TableSelector.forTile(LaplacianSource.tables(2, 12, random),
                LaplacianSource.tables(3, 12, random));
        int[] symbols = LaplacianSource.stream(tables, 40, random);
        symbols[3] = 30000;
        symbols[17] = -30000;
        symbols[31] = tables.tableAt(31, symbols).maxSymbol() + 1;

        byte[] payload = CODER.encode(symbols, tables);

        assertEquals("88780e4682f900802bc52dc0cd20ff8d00802bad404c1bb6356b69670e",
                HexFormat.of().formatHex(payload));
    }

    @Test
    void emptyStreamIsTheInitialState() throws EntropyCodingException {
        byte[] payload = CODER.encode(new int[0], (position, symbols) -> EXAMPLE_TABLE);

        assertEquals("00008000", HexFormat.of().formatHex(payload));
        assertEquals(0, CODER.decode(payload, 0, (position, symbols) -> EXAMPLE_TABLE).length);
    }

    @Test
    void singleSymbolsRoundTrip() throws EntropyCodingException {
        for (int symbol : new int[] {-1, 0, 1, 2, -2, 30000, -30000, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            int[] symbols = {symbol};

            byte[] payload = CODER.encode(symbols, (position, decoded) -> EXAMPLE_TABLE);

            assertArrayEquals(symbols, CODER.decode(payload, 1, (position, decoded) -> EXAMPLE_TABLE), "symbol " + symbol);
        }
    }

    @Test
    void extremeEscapesRoundTripAtTheEdgesOfInt() throws EntropyCodingException {
        CdfTable atTop = CdfTable.fromFrequencies(Integer.MAX_VALUE, new int[] {1, 1}, 1);
        CdfTable atBottom = CdfTable.fromFrequencies(Integer.MIN_VALUE, new int[] {3, 1}, 2);
        CdfTable[] tables = {atTop, atBottom};
        int[] symbols = {Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, 0, 0};
        TableSelector selector = (position, decoded) -> tables[position % 2];

        byte[] payload = CODER.encode(symbols, selector);

        assertArrayEquals(symbols, CODER.decode(payload, symbols.length, selector));
    }

    @Test
    void interleavedLaplacianStreamsRoundTrip() throws EntropyCodingException {
        Random random = new Random(7);
        for (int precisionBits : new int[] {8, 12, 16}) {
            TableSelector tables = TableSelector.forTile(LaplacianSource.tables(4, precisionBits, random),
                    LaplacianSource.tables(24, precisionBits, random));
            for (int count : new int[] {1, 2, 27, 28, 1000, 50_000}) {
                int[] symbols = LaplacianSource.stream(tables, count, random);

                byte[] payload = CODER.encode(symbols, tables);

                assertArrayEquals(symbols, CODER.decode(payload, count, tables),
                        precisionBits + " bits, " + count + " symbols");
            }
        }
    }

    @Test
    void longStreamsCostWithinOnePercentOfTheirInformation() throws EntropyCodingException {
        Random random = new Random(99);
        for (int precisionBits : new int[] {10, 12, 16}) {
            TableSelector tables = TableSelector.forTile(LaplacianSource.tables(8, precisionBits, random),
                    LaplacianSource.tables(32, precisionBits, random));
            int[] symbols = LaplacianSource.stream(tables, 400_000, random);
            double idealBytes = LaplacianSource.idealBits(symbols, tables) / 8;

            byte[] payload = CODER.encode(symbols, tables);

            System.out.printf("rANS %d-bit tables: %d bytes for %.1f ideal (%+.3f%%)%n", precisionBits,
                    payload.length, idealBytes, 100 * (payload.length / idealBytes - 1));
            assertTrue(Math.abs(payload.length - idealBytes) <= 0.01 * idealBytes + 8,
                    payload.length + " bytes against " + idealBytes + " ideal");
            assertArrayEquals(symbols, CODER.decode(payload, symbols.length, tables));
        }
    }

    @Test
    void truncatedOrExtendedPayloadsAreRejected() {
        Random random = new Random(3);
        TableSelector tables = TableSelector.forTile(new CdfTable[0], LaplacianSource.tables(6, 12, random));
        int[] symbols = LaplacianSource.stream(tables, 300, random);
        byte[] payload = CODER.encode(symbols, tables);

        for (int length = 0; length < payload.length; length++) {
            byte[] truncated = Arrays.copyOf(payload, length);
            assertThrows(EntropyCodingException.class, () -> CODER.decode(truncated, symbols.length, tables),
                    "truncated to " + length);
        }
        byte[] extended = Arrays.copyOf(payload, payload.length + 1);
        assertThrows(EntropyCodingException.class, () -> CODER.decode(extended, symbols.length, tables));
        assertThrows(EntropyCodingException.class, () -> CODER.decode(payload, symbols.length - 1, tables));
        assertThrows(EntropyCodingException.class, () -> CODER.decode(payload, symbols.length + 1, tables));
    }

    @Test
    void negativeCountIsACallerError() {
        assertThrows(IllegalArgumentException.class,
                () -> CODER.decode(new byte[] {0, 0, (byte) 0x80, 0}, -1, (position, symbols) -> EXAMPLE_TABLE));
    }

    @Test
    void corruptPayloadsFailOnlyWithEntropyCodingException() {
        Random random = new Random(20_000);
        TableSelector tables = TableSelector.forTile(LaplacianSource.tables(3, 12, random),
                LaplacianSource.tables(8, 12, random));
        int[][] streams = {
            LaplacianSource.stream(tables, 40, random),
            LaplacianSource.stream(tables, 600, random),
            {30000, -30000, 0, 29999, -29999, 0, 0, 0, 0, 0, 5000},
        };

        CorruptionReport report = CorruptionReport.run(CODER, streams, tables, 20_000, random);

        System.out.println("rANS corruption: " + report);
        // The final-state check catches all but changes confined to the escapes' equiprobable bits.
        assertTrue(report.rejected() > report.iterations() * 0.95, report.toString());
    }

    @Test
    void tileSelectorPutsTheGlobalTokenFirst() {
        CdfTable[] global = LaplacianSource.tables(2, 8, new Random(1));
        CdfTable[] patch = LaplacianSource.tables(3, 8, new Random(2));
        TableSelector tables = TableSelector.forTile(global, patch);

        assertSame(global[0], tables.tableAt(0, new int[10]));
        assertSame(global[1], tables.tableAt(1, new int[10]));
        assertSame(patch[0], tables.tableAt(2, new int[10]));
        assertSame(patch[2], tables.tableAt(4, new int[10]));
        assertSame(patch[0], tables.tableAt(5, new int[10]));
        assertSame(patch[1], tables.tableAt(9, new int[10]));
        assertThrows(IllegalArgumentException.class, () -> TableSelector.forTile(global, new CdfTable[0]));
    }

    @Test
    void exceptionMessagesAreOneLine() {
        byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 1, 2, 3};

        EntropyCodingException e = assertThrows(EntropyCodingException.class,
                () -> CODER.decode(garbage, 100, (position, symbols) -> EXAMPLE_TABLE));

        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
