package io.huvr.codec;

import io.huvr.codec.entropy.EntropyCoders;
import io.huvr.codec.entropy.SymbolSequenceCoder;
import io.huvr.codec.entropy.TableSelector;
import io.huvr.codec.image.ImagePlanes;
import io.huvr.codec.image.Images;
import io.huvr.codec.image.Orientation;
import io.huvr.codec.image.TileGrid;
import io.huvr.codec.model.HuvrConfig;
import io.huvr.codec.model.HuvrModel;
import io.huvr.format.HuvrImage;
import io.huvr.format.HuvrReader;
import io.huvr.format.proto.AlphaCoding;
import io.huvr.format.proto.ImageHeader;
import io.huvr.format.proto.TokenLayout;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Decodes {@code .huvr} bitstreams made for one loaded model: entropy-decodes each tile's tokens,
 * dequantises them, synthesises every tile's INR features (in batches), and renders the whole
 * feature map at once so the output convolution runs across tile borders.
 */
public final class HuvrDecoder {
    private final HuvrModel model;

    public HuvrDecoder(HuvrModel model) {
        this.model = model;
    }

    /** Decodes a whole bitstream held in memory. */
    public BufferedImage decode(byte[] bitstream) throws IOException {
        return decode(HuvrReader.read(bitstream));
    }

    /**
     * Decodes a parsed container to an 8-bit image in the header's colour model ({@link ImagePlanes#toImage}:
     * RGB, ARGB, grey or grey with alpha), turned by the header's orientation.
     */
    public BufferedImage decode(HuvrImage image) throws IOException {
        return Orientation.apply(decodePlanes(image).toImage(), image.header().getOrientation());
    }

    /** The decoded planes as stored, before orientation. */
    private ImagePlanes decodePlanes(HuvrImage image) throws IOException {
        ImageHeader header = image.header();
        int[] rgb = Images.pixels(new TileGrid(header.getWidth(), header.getHeight(), model.config().tileSize())
                .crop(render(image)));
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] &= 0xFFFFFF;
        }
        byte[] alpha = header.getAlphaCoding() == AlphaCoding.ALPHA_NONE ? null : alpha(image, rgb.length);
        return new ImagePlanes(header.getWidth(), header.getHeight(), header.getColorModel(), rgb, alpha,
                header.getIccProfile().toByteArray());
    }

    /** The {@code ALPH} chunk's samples; the frame must hold exactly one byte per pixel (bit depth 8). */
    private static byte[] alpha(HuvrImage image, int pixels) throws IOException {
        if (image.header().getBitDepth() != 8) {
            throw new IOException("alpha at bit depth " + image.header().getBitDepth() + " is not supported");
        }
        byte[] frame = image.alpha().orElseThrow(() -> new IOException("the ALPH chunk is missing"));
        byte[] alpha = new byte[pixels];
        long size;
        try {
            size = Zstd.decompressByteArray(alpha, 0, alpha.length, frame, 0, frame.length);
        } catch (ZstdException e) {
            throw new IOException("the ALPH chunk is corrupt or larger than " + pixels + " samples: " + e.getMessage(), e);
        }
        if (size != pixels) {
            throw new IOException("the ALPH chunk holds " + size + " samples, the image has " + pixels);
        }
        return alpha;
    }

    /**
     * The synthesis output before rounding, {@code [1, 3, tilesY * tile, tilesX * tile]} in about [-1, 1]
     * (not clipped; the image is its top-left {@code width x height}): what conformance compares.
     */
    public INDArray render(HuvrImage image) throws IOException {
        ImageHeader header = image.header();
        checkCompatible(header);
        HuvrConfig config = model.config();
        int operatingPoint = header.getQuantization().getOperatingPoint();
        float[] patchSteps = model.steps(operatingPoint, false);
        float[] globalSteps = model.steps(operatingPoint, true);
        SymbolSequenceCoder coder = EntropyCoders.forId(header.getEntropyCoderValue());
        TableSelector tables = TableSelector.forTile(model.tables(operatingPoint, true),
                model.tables(operatingPoint, false));
        TileGrid grid = new TileGrid(header.getWidth(), header.getHeight(), config.tileSize());
        int dim = config.tokenDim();
        int tokens = 1 + config.patchesPerTile();
        int side = config.patchesPerSide() * config.gridPerPatch();
        INDArray featureMap = Nd4j.create(DataType.FLOAT, 1, config.inrOutWidth(), (long) grid.tilesY() * side,
                (long) grid.tilesX() * side);
        List<byte[]> payloads = image.tiles();
        for (int from = 0; from < grid.count(); from += HuvrEncoder.BATCH_TILES) {
            int n = Math.min(HuvrEncoder.BATCH_TILES, grid.count() - from);
            float[] values = new float[n * tokens * dim];
            for (int t = 0; t < n; t++) {
                int[] symbols = coder.decode(payloads.get(from + t), tokens * dim, tables);
                for (int i = 0; i < symbols.length; i++) {
                    values[t * symbols.length + i] = symbols[i] * (i < dim ? globalSteps[i] : patchSteps[i % dim]);
                }
            }
            INDArray features = model.synthesize(Nd4j.create(values, new long[] {n, tokens, dim}, 'c'));
            grid.place(features, from, featureMap);
        }
        return model.render(featureMap);
    }

    private void checkCompatible(ImageHeader header) throws IOException {
        if (!Arrays.equals(header.getModelSha256().toByteArray(), model.sha256())) {
            throw new IOException("the bitstream needs model " + HexFormat.of().formatHex(header.getModelSha256().toByteArray())
                    + ", but the loaded model is " + model.sha256Hex() + " (" + model.name() + ")");
        }
        HuvrConfig config = model.config();
        TokenLayout layout = header.getLayout();
        if (layout.getPatchSize() != config.patchSize() || layout.getTileSize() != config.tileSize()
                || layout.getPatchTokenDim() != config.tokenDim() || layout.getGlobalTokenDim() != config.tokenDim()) {
            throw new IOException("the bitstream's token layout does not match its model's hyper-parameters");
        }
        int operatingPoint = header.getQuantization().getOperatingPoint();
        if (operatingPoint >= model.operatingPoints().size()
                || header.getQuantization().getStepScale() != model.operatingPoints().get(operatingPoint).getStepScale()) {
            throw new IOException("the bitstream's operating point " + operatingPoint + " is not one of the model's");
        }
    }
}
