package io.huvr.lite;

import com.github.luben.zstd.Zstd;
import io.huvr.codec.EncodeOptions;
import io.huvr.codec.HuvrEncoder;
import io.huvr.codec.model.HuvrConfig;
import io.huvr.codec.model.HuvrGraph;
import io.huvr.codec.model.HuvrModel;
import io.huvr.codec.model.ModelExporter;
import io.huvr.conformance.Nd4jDecoder;
import io.huvr.format.ModelFileReader;
import io.huvr.format.proto.EntropyCoder;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiteDecoderTest {

    /** entropy-coding.md section 3.5: the worked example decodes, and one wrong byte is caught. */
    @Test
    void ransWorkedExample() throws LiteDecodeException {
        CdfTable[] table = CdfTable.parseAll("example", new int[] {4, -1, 3, 0, 3, 11, 15, 16}, 1);
        byte[] payload = {(byte) 0xba, (byte) 0xaa, (byte) 0xaa, 0x02, 0x16};
        // Two global symbols and one 1x1 grid of patches: the example's three symbols, all with its table.
        SymbolDecoder.Tables tables = factorized(2, table[0]);
        assertArrayEquals(new int[] {0, 3, -1}, SymbolDecoder.decode(SymbolDecoder.RANS, payload, tables, 1));
        payload[4] = 0x17;
        LiteDecodeException e = assertThrows(LiteDecodeException.class,
                () -> SymbolDecoder.decode(SymbolDecoder.RANS, payload, tables, 1));
        assertTrue(e.getMessage().contains("final state"), e.getMessage());
    }

    /**
     * entropy-coding.md section 1.1, checked against the reference: tiles coded in context by io.huvr.codec.entropy
     * (random symbols, extreme neighbours and escapes included) decode to the same symbols here.
     */
    @Test
    void contextCodedTilesDecodeAsTheReferenceCodedThem() throws Exception {
        int globals = 2;
        int dim = 3;
        int side = 4;
        java.util.Random random = new java.util.Random(11);
        io.huvr.codec.entropy.CdfTable marginal = io.huvr.codec.entropy.CdfTable.fromProbabilities(-4,
                new double[] {1, 2, 4, 8, 4, 2, 1, 1, 1, 1}, 12);
        io.huvr.codec.entropy.ContextStatistics statistics =
                new io.huvr.codec.entropy.ContextStatistics(globals, dim, side);
        int[][] tiles = new int[40][globals + side * side * dim];
        for (int[] tile : tiles) {
            for (int i = 0; i < tile.length; i++) {
                tile[i] = random.nextInt(9) - 4;
            }
            statistics.add(tile);
        }
        tiles[0][globals + dim] = Integer.MAX_VALUE;
        tiles[1][globals + side * dim + 2] = -70_000;
        io.huvr.codec.entropy.CdfTable[] global = {marginal, marginal};
        io.huvr.codec.entropy.ContextTables context =
                statistics.tables(new io.huvr.codec.entropy.CdfTable[] {marginal, marginal, marginal}, 12);
        io.huvr.codec.entropy.TableSelector reference =
                io.huvr.codec.entropy.TableSelector.forTile(global, context, side);
        SymbolDecoder.Tables lite = new SymbolDecoder.Tables(liteTables(global), liteTables(new io.huvr.codec.entropy.CdfTable[] {
                marginal, marginal, marginal}), liteTables(context.tables()));
        io.huvr.codec.entropy.RansCoder coder = new io.huvr.codec.entropy.RansCoder();
        for (int[] tile : tiles) {
            assertArrayEquals(tile, SymbolDecoder.decode(SymbolDecoder.RANS, coder.encode(tile, reference), lite, side));
        }
    }

    private static CdfTable[] liteTables(io.huvr.codec.entropy.CdfTable[] tables) throws LiteDecodeException {
        int[] ints = java.util.Arrays.stream(tables).flatMapToInt(t -> java.util.Arrays.stream(t.toInts())).toArray();
        return CdfTable.parseAll("tables", ints, tables.length);
    }

    @Test
    void emptySymbolSequenceIsTheFourStateBytes() throws LiteDecodeException {
        CdfTable[] none = new CdfTable[0];
        SymbolDecoder.Tables tables = new SymbolDecoder.Tables(none, none, null);
        assertEquals(0, SymbolDecoder.decode(SymbolDecoder.RANS, new byte[] {0, 0, (byte) 0x80, 0}, tables, 0).length);
    }

    /** entropy-coding.md section 4: the raw int16 string may be split over several frames; its size must be 2N. */
    @Test
    void zstdPayloadOfTwoFramesAndOfTheWrongSize() throws LiteDecodeException {
        CdfTable unused = CdfTable.parseAll("t", new int[] {1, 0, 1, 0, 1, 2}, 1)[0];
        byte[] first = Zstd.compress(new byte[] {5, 0, (byte) 0xfe, (byte) 0xff}, 3);
        byte[] second = Zstd.compress(new byte[] {0, (byte) 0x80}, 3);
        byte[] payload = new byte[first.length + second.length];
        System.arraycopy(first, 0, payload, 0, first.length);
        System.arraycopy(second, 0, payload, first.length, second.length);
        assertArrayEquals(new int[] {5, -2, -32768},
                SymbolDecoder.decode(SymbolDecoder.ZSTD, payload, factorized(2, unused), 1));
        assertThrows(LiteDecodeException.class,
                () -> SymbolDecoder.decode(SymbolDecoder.ZSTD, first, factorized(2, unused), 1));
        assertThrows(LiteDecodeException.class,
                () -> SymbolDecoder.decode(SymbolDecoder.ZSTD, payload, factorized(1, unused), 1));
    }

    /** {@code globals} global channels and one patch channel, all coded with {@code table}. */
    private static SymbolDecoder.Tables factorized(int globals, CdfTable table) {
        CdfTable[] global = new CdfTable[globals];
        java.util.Arrays.fill(global, table);
        return new SymbolDecoder.Tables(global, new CdfTable[] {table}, null);
    }

    @Test
    void tablesBreakingSection22AreRejected() {
        assertThrows(LiteDecodeException.class, () -> CdfTable.parseAll("t", new int[] {4, 0, 1, 0, 15, 15}, 1));
        assertThrows(LiteDecodeException.class, () -> CdfTable.parseAll("t", new int[] {17, 0, 1, 0, 1, 1 << 17}, 1));
        assertThrows(LiteDecodeException.class, () -> CdfTable.parseAll("t", new int[] {4, 0, 1, 0, 8, 16, 0}, 1));
    }

    /**
     * The committed vectors' model has one INR cell per patch; this model has four (patch 8), two
     * decoder blocks, three frequencies and a head refinement (its last convolution, which starts at zero, made
     * random), so cell order, Fourier layout, placement and the refinement are checked too.
     */
    @Test
    void matchesTheNd4jDecoderOnAModelWithSeveralCellsPerPatchAndAHeadRefinement() throws IOException {
        HuvrConfig config = new HuvrConfig(8, 16, 32, 1, 2, 64, 6, 48, 2, 40, 3, 24, 12, 2, 5);
        SameDiff graph = HuvrGraph.training(config, 11).sd();
        graph.getVariable("head.refine2.w").setArray(Nd4j.rand(DataType.FLOAT, 3, 3, 5, 48).subi(0.5));
        byte[] modelFile = ModelExporter.export(graph, config, "cells-test", 100, List.of(new ModelExporter.Point(1, 0)));
        HuvrModel model = HuvrModel.read(new ByteArrayInputStream(modelFile));
        BufferedImage image = new BufferedImage(37, 21, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, (x * 7 % 256) << 16 | (y * 11 % 256) << 8 | (x * y) % 256);
            }
        }
        byte[] bitstream = new HuvrEncoder(model).encode(image, new EncodeOptions(1, 0, EntropyCoder.RANS));
        Rendered expected = new Nd4jDecoder(model).decode(bitstream);
        Rendered actual = new LiteDecoder(LiteModel.of(ModelFileReader.read(new ByteArrayInputStream(modelFile))))
                .decode(bitstream);
        float[] a = expected.rgb();
        float[] b = actual.rgb();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-4f, "value " + i);
        }
    }

    /** huvr-lite is an independent implementation: no codec classes, no ND4J. */
    @Test
    void usesNeitherTheCodecModuleNorNd4j() throws IOException {
        try (Stream<Path> sources = Files.list(Path.of("src/main/java/io/huvr/lite"))) {
            for (Path source : sources.toList()) {
                String text = Files.readString(source);
                assertTrue(!text.contains("io.huvr.codec") && !text.contains("org.nd4j")
                        && !text.contains("io.huvr.conformance"), source + " depends on the reference implementation");
            }
        }
    }
}
