package io.huvr.codec;

import io.huvr.codec.entropy.EntropyCoders;
import io.huvr.codec.entropy.SymbolSequenceCoder;
import io.huvr.codec.entropy.TableSelector;
import io.huvr.codec.image.ImagePlanes;
import io.huvr.codec.image.TileGrid;
import io.huvr.codec.model.HuvrConfig;
import io.huvr.codec.model.HuvrModel;
import io.huvr.format.Chunk;
import io.huvr.format.HuvrWriter;
import io.huvr.format.Limits;
import io.huvr.format.proto.AlphaCoding;
import io.huvr.format.proto.ImageHeader;
import io.huvr.format.proto.Quantization;
import io.huvr.format.proto.TokenLayout;
import com.github.luben.zstd.Zstd;
import com.google.protobuf.ByteString;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes images to {@code .huvr} bitstreams with one loaded model: tiles through the ViT encoder
 * (in batches), TinToks quantised with the operating point's steps, each tile entropy-coded into one
 * {@code TILE} chunk.
 */
public final class HuvrEncoder {
    /** Tiles per encoder forward pass: bounds memory for any image size. */
    static final int BATCH_TILES = 32;
    /** Zstandard level of the alpha plane: a middle level, so that large images still encode quickly. */
    static final int ALPHA_ZSTD_LEVEL = 9;

    private final HuvrModel model;
    private final LatentRefiner refiner;

    public HuvrEncoder(HuvrModel model) {
        this.model = model;
        this.refiner = new LatentRefiner(model);
    }

    public HuvrModel model() {
        return model;
    }

    /**
     * Encodes an image of any type to a {@code .huvr} bitstream. Grey images are coded as grey (the network
     * sees grey in R, G and B), alpha is kept losslessly in an {@code ALPH} chunk, samples in a non-sRGB RGB or
     * grey ICC profile as they are, with the profile in the header, and everything else as 8-bit sRGB
     * ({@link ImagePlanes#of}); the pixels are coded as they lie (orientation 1).
     */
    public byte[] encode(BufferedImage image, EncodeOptions options) throws IOException {
        HuvrConfig config = model.config();
        int operatingPoint = options.quality() - 1;
        if (operatingPoint >= model.operatingPoints().size()) {
            throw new IllegalArgumentException("quality must be 1.." + model.operatingPoints().size() + ", got "
                    + options.quality());
        }
        if (image.getWidth() > Limits.MAX_DIMENSION || image.getHeight() > Limits.MAX_DIMENSION
                || (long) image.getWidth() * image.getHeight() > Limits.MAX_PIXELS) {
            throw new IllegalArgumentException("image " + image.getWidth() + "x" + image.getHeight()
                    + " exceeds the format's limits");
        }
        ImagePlanes planes = ImagePlanes.of(image);
        TileGrid grid = new TileGrid(planes.width(), planes.height(), config.tileSize());
        int[] pixels = planes.rgb();
        float[] patchSteps = model.steps(operatingPoint, false);
        float[] globalSteps = model.steps(operatingPoint, true);
        SymbolSequenceCoder coder = EntropyCoders.forId(options.coder().getNumber());
        TableSelector tables = TableSelector.forTile(model.tables(operatingPoint, true),
                model.tables(operatingPoint, false));
        int dim = config.tokenDim();
        int tokens = 1 + config.patchesPerTile();
        List<Chunk> chunks = new ArrayList<>(grid.count());
        for (int from = 0; from < grid.count(); from += BATCH_TILES) {
            int n = Math.min(BATCH_TILES, grid.count() - from);
            INDArray tiles = grid.tiles(pixels, from, n);
            INDArray latent = model.encodeTiles(tiles);
            if (options.effort() > 0) {
                latent = refiner.refine(tiles, latent, operatingPoint, options.effort());
            }
            float[] values = latent.dup('c').data().asFloat();
            for (int t = 0; t < n; t++) {
                int[] symbols = new int[tokens * dim];
                for (int i = 0; i < symbols.length; i++) {
                    float step = i < dim ? globalSteps[i] : patchSteps[i % dim];
                    symbols[i] = Math.round(values[t * symbols.length + i] / step);
                }
                chunks.add(Chunk.tile(coder.encode(symbols, tables)));
            }
        }
        if (planes.alpha() != null) {
            chunks.add(Chunk.alpha(Zstd.compress(planes.alpha(), ALPHA_ZSTD_LEVEL)));
        }
        ImageHeader header = ImageHeader.newBuilder()
                .setWidth(planes.width())
                .setHeight(planes.height())
                .setColorModel(planes.colorModel())
                .setBitDepth(8)
                .setModelSha256(ByteString.copyFrom(model.sha256()))
                .setLayout(TokenLayout.newBuilder()
                        .setPatchSize(config.patchSize())
                        .setTileSize(config.tileSize())
                        .setTilesX(grid.tilesX())
                        .setTilesY(grid.tilesY())
                        .setPatchTokenDim(dim)
                        .setGlobalTokenDim(dim))
                .setQuantization(Quantization.newBuilder()
                        .setOperatingPoint(operatingPoint)
                        .setStepScale(model.operatingPoints().get(operatingPoint).getStepScale()))
                .setEntropyCoder(options.coder())
                .setAlphaCoding(planes.alpha() == null ? AlphaCoding.ALPHA_NONE : AlphaCoding.ALPHA_ZSTD_LOSSLESS)
                .setOrientation(1)
                .setIccProfile(ByteString.copyFrom(planes.iccProfile()))
                .build();
        return HuvrWriter.toBytes(header, chunks);
    }
}
