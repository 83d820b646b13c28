package io.huvr.conformance;

import io.huvr.codec.HuvrDecoder;
import io.huvr.codec.entropy.EntropyCoders;
import io.huvr.codec.entropy.SymbolSequenceCoder;
import io.huvr.codec.entropy.TableSelector;
import io.huvr.codec.image.TileGrid;
import io.huvr.codec.model.HuvrConfig;
import io.huvr.codec.model.HuvrModel;
import io.huvr.format.HuvrImage;
import io.huvr.format.HuvrReader;
import io.huvr.format.proto.ImageHeader;
import io.huvr.lite.Rendered;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * The reference (ND4J) decoder's output before rounding, which {@link HuvrDecoder} does not expose:
 * the same entropy decoding, synthesis and rendering calls, stopping before the 8-bit conversion.
 * The reference outputs of the vectors come from here; a test checks that rounding it gives
 * {@link HuvrDecoder}'s pixels exactly. It is meant for valid bitstreams: judging invalid ones is
 * {@link HuvrDecoder}'s job.
 */
public final class Nd4jDecoder {
    /** Tiles per synthesis call, as {@link HuvrDecoder} batches them, so the float results match. */
    private static final int BATCH_TILES = 32;

    private final HuvrModel model;

    public Nd4jDecoder(HuvrModel model) {
        this.model = model;
    }

    /** Decodes a valid bitstream of this decoder's model to pre-rounding values. */
    public Rendered decode(byte[] bitstream) throws IOException {
        HuvrImage image = HuvrReader.read(bitstream);
        ImageHeader header = image.header();
        if (!Arrays.equals(header.getModelSha256().toByteArray(), model.sha256())) {
            throw new IOException("the bitstream is for another model than " + model.sha256Hex());
        }
        HuvrConfig config = model.config();
        int point = header.getQuantization().getOperatingPoint();
        float[] patchSteps = model.steps(point, false);
        float[] globalSteps = model.steps(point, true);
        SymbolSequenceCoder coder = EntropyCoders.forId(header.getEntropyCoderValue());
        TableSelector tables = TableSelector.forTile(model.tables(point, true), model.tables(point, false));
        TileGrid grid = new TileGrid(header.getWidth(), header.getHeight(), config.tileSize());
        int dim = config.tokenDim();
        int tokens = 1 + config.patchesPerTile();
        int side = config.patchesPerSide() * config.gridPerPatch();
        INDArray featureMap = Nd4j.create(DataType.FLOAT, 1, config.inrOutWidth(), (long) grid.tilesY() * side,
                (long) grid.tilesX() * side);
        List<byte[]> payloads = image.tiles();
        for (int from = 0; from < grid.count(); from += BATCH_TILES) {
            int n = Math.min(BATCH_TILES, grid.count() - from);
            float[] values = new float[n * tokens * dim];
            for (int t = 0; t < n; t++) {
                int[] symbols = coder.decode(payloads.get(from + t), tokens * dim, tables);
                for (int i = 0; i < symbols.length; i++) {
                    values[t * symbols.length + i] = symbols[i] * (i < dim ? globalSteps[i] : patchSteps[i % dim]);
                }
            }
            grid.place(model.synthesize(Nd4j.create(values, new long[] {n, tokens, dim}, 'c')), from, featureMap);
        }
        return crop(model.render(featureMap), header.getWidth(), header.getHeight());
    }

    private static Rendered crop(INDArray rendered, int width, int height) {
        float[] data = rendered.dup('c').data().asFloat();
        int renderedHeight = (int) rendered.size(2);
        int renderedWidth = (int) rendered.size(3);
        int plane = renderedHeight * renderedWidth;
        float[] rgb = new float[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    rgb[(y * width + x) * 3 + c] = data[c * plane + y * renderedWidth + x];
                }
            }
        }
        return new Rendered(width, height, rgb);
    }
}
