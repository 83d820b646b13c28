package io.huvr.codec.entropy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ZstdCoderTest {

    private static final ZstdCoder CODER = new ZstdCoder();
    private static final TableSelector NO_TABLES = (position, symbols) -> {
        throw new AssertionError("the zstd coder reads no tables");
    };

    @Test
    void int16SymbolsRoundTrip() throws EntropyCodingException {
        int[][] streams = {{}, {0}, {Short.MIN_VALUE, Short.MAX_VALUE, -1, 1, 0, 30000, -30000}};
        for (int[] symbols : streams) {
            byte[] payload = CODER.encode(symbols, NO_TABLES);

            assertArrayEquals(symbols, CODER.decode(payload, symbols.length, NO_TABLES));
        }
    }

    @Test
    void symbolsBeyondInt16AreRejectedAtEncode() {
        assertThrows(IllegalArgumentException.class, () -> CODER.encode(new int[] {0, 32768}, NO_TABLES));
        assertThrows(IllegalArgumentException.class, () -> CODER.encode(new int[] {-32769}, NO_TABLES));
    }

    @Test
    void payloadMustHoldExactlyTheSymbols() {
        byte[] payload = CODER.encode(new int[] {1, 2, 3, 4}, NO_TABLES);

        assertThrows(EntropyCodingException.class, () -> CODER.decode(payload, 3, NO_TABLES));
        assertThrows(EntropyCodingException.class, () -> CODER.decode(payload, 5, NO_TABLES));
        assertThrows(EntropyCodingException.class, () -> CODER.decode(new byte[0], 0, NO_TABLES));
        assertThrows(IllegalArgumentException.class, () -> CODER.decode(payload, -1, NO_TABLES));
        assertThrows(IllegalArgumentException.class, () -> CODER.decode(payload, Integer.MAX_VALUE, NO_TABLES));
    }

    @Test
    void levelIsChecked() throws EntropyCodingException {
        int[] symbols = {5, 5, 5, -5};

        assertArrayEquals(symbols, CODER.decode(new ZstdCoder(1).encode(symbols, NO_TABLES), 4, NO_TABLES));
        assertThrows(IllegalArgumentException.class, () -> new ZstdCoder(Zstd.maxCompressionLevel() + 1));
    }

    @Test
    void corruptPayloadsFailOnlyWithEntropyCodingException() {
        Random random = new Random(4000);
        TableSelector tables = TableSelector.forTile(new CdfTable[0], LaplacianSource.tables(8, 12, random));
        int[][] streams = {LaplacianSource.stream(tables, 40, random), LaplacianSource.stream(tables, 600, random)};

        CorruptionReport report = CorruptionReport.run(CODER, streams, tables, 4000, random);

        System.out.println("zstd corruption: " + report);
    }

    @Test
    void ransBeatsZstdOnLaplacianSymbols() throws EntropyCodingException {
        Random random = new Random(42);
        TableSelector tables = TableSelector.forTile(LaplacianSource.tables(16, 12, random),
                LaplacianSource.tables(32, 12, random));
        int[] symbols = LaplacianSource.stream(tables, 200_000, random);

        byte[] rans = new RansCoder().encode(symbols, tables);
        byte[] zstd = CODER.encode(symbols, tables);

        System.out.printf("%d Laplacian symbols: rANS %d bytes (%.3f bits/symbol), zstd-%d %d bytes"
                + " (%.3f bits/symbol), ideal %.0f bytes%n", symbols.length, rans.length,
                8.0 * rans.length / symbols.length, ZstdCoder.DEFAULT_LEVEL, zstd.length,
                8.0 * zstd.length / symbols.length, LaplacianSource.idealBits(symbols, tables) / 8);
        assertArrayEquals(symbols, CODER.decode(zstd, symbols.length, tables));
        assertTrue(rans.length < zstd.length);
    }
}
