package io.huvr.lite;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import io.huvr.format.HuvrImage;
import io.huvr.format.HuvrFormatException;
import io.huvr.format.HuvrReader;
import io.huvr.format.proto.AlphaCoding;
import io.huvr.format.proto.ImageHeader;
import io.huvr.format.proto.TokenLayout;

import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * huvr-lite: an independent decoder of {@code huvr-inr-v1} bitstreams in plain Java, written from
 * SPEC.md, entropy-coding.md and MODEL.md. It supports what the reference encoder writes: every colour
 * model (grey from the RGB output as MODEL.md says, alpha from the lossless {@code ALPH} chunk at bit depth 8)
 * with orientation 1 (or 0), both entropy coders. Pixels are float32 like the reference.
 */
public final class LiteDecoder {
    private static final int HEAD_CHANNELS = 48;
    private static final int HEAD_REFINE_LAYERS = 3;

    private final LiteModel model;
    private final int dim;
    private final int width;
    private final int hidden;
    private final int d;
    private final int outWidth;
    private final int cells;

    private final float[] lnInGain;
    private final float[] lnInBias;
    private final float[] upWeight;
    private final float[] upBias;
    private final float[][] blockLnGain;
    private final float[][] blockLnBias;
    private final float[][] fc1Weight;
    private final float[][] fc1Bias;
    private final float[][] fc2Weight;
    private final float[][] fc2Bias;
    private final float[] lnOutGain;
    private final float[] lnOutBias;
    private final float[] patchModWeight;
    private final float[] patchModBias;
    private final float[] globalModWeight;
    private final float[] globalModBias;
    /** INR layer 0's output, the same for every patch: {@code [cells, d]}. */
    private final float[] layer0;
    private final float[] layer1Weight;
    private final float[] layer1WeightSquared;
    private final float[] layer1Bias;
    private final float[] layer2Weight;
    private final float[] layer2Bias;
    private final float[] headWeight;
    private final float[] headBias;
    /** The head's refinement convolutions (none when the model has no refinement). */
    private final float[][] refineWeight;
    private final float[][] refineBias;
    private final int[] refineWidths;

    public LiteDecoder(LiteModel model) throws LiteDecodeException {
        this.model = model;
        dim = model.tokenDim;
        width = model.decoderWidth;
        hidden = model.decoderHidden;
        d = model.inrWidth;
        outWidth = model.inrOutWidth;
        int g = model.cellsPerPatchSide;
        cells = g * g;
        lnInGain = model.floats("dec.ln_in.g", dim);
        lnInBias = model.floats("dec.ln_in.b", dim);
        upWeight = model.floats("dec.up.w", dim, width);
        upBias = model.floats("dec.up.b", width);
        int depth = model.decoderDepth;
        blockLnGain = new float[depth][];
        blockLnBias = new float[depth][];
        fc1Weight = new float[depth][];
        fc1Bias = new float[depth][];
        fc2Weight = new float[depth][];
        fc2Bias = new float[depth][];
        for (int b = 0; b < depth; b++) {
            String block = "dec.block" + b;
            blockLnGain[b] = model.floats(block + ".ln.g", width);
            blockLnBias[b] = model.floats(block + ".ln.b", width);
            fc1Weight[b] = model.floats(block + ".fc1.w", width, hidden);
            fc1Bias[b] = model.floats(block + ".fc1.b", hidden);
            fc2Weight[b] = model.floats(block + ".fc2.w", hidden, width);
            fc2Bias[b] = model.floats(block + ".fc2.b", width);
        }
        lnOutGain = model.floats("dec.ln_out.g", width);
        lnOutBias = model.floats("dec.ln_out.b", width);
        patchModWeight = model.floats("mod.patch.w", width, d);
        patchModBias = model.floats("mod.patch.b", d);
        globalModWeight = model.floats("mod.global.w", width, d);
        globalModBias = model.floats("mod.global.b", d);
        int fourier = 4 * model.frequencies;
        float[] layer0Weight = FloatMath.normaliseColumns(model.floats("inr.l0.w", fourier, d).clone(), fourier, d);
        layer0 = new float[cells * d];
        FloatMath.linear(fourierFeatures(g, model.frequencies), cells, fourier, layer0Weight, d,
                model.floats("inr.l0.b", d), layer0);
        FloatMath.relu(layer0, layer0.length);
        layer1Weight = model.floats("inr.l1.w", d, d);
        layer1WeightSquared = new float[d * d];
        for (int i = 0; i < layer1WeightSquared.length; i++) {
            layer1WeightSquared[i] = layer1Weight[i] * layer1Weight[i];
        }
        layer1Bias = model.floats("inr.l1.b", d);
        layer2Weight = FloatMath.normaliseColumns(model.floats("inr.l2.w", d, outWidth).clone(), d, outWidth);
        layer2Bias = model.floats("inr.l2.b", outWidth);
        headWeight = model.floats("head.conv.w", 3, 3, outWidth, HEAD_CHANNELS);
        headBias = model.floats("head.conv.b", HEAD_CHANNELS);
        int r = model.headRefineWidth;
        int layers = r == 0 ? 0 : HEAD_REFINE_LAYERS;
        refineWidths = new int[layers + 1];
        Arrays.fill(refineWidths, r);
        refineWidths[0] = HEAD_CHANNELS;
        refineWidths[layers] = HEAD_CHANNELS;
        refineWeight = new float[layers][];
        refineBias = new float[layers][];
        for (int i = 0; i < layers; i++) {
            refineWeight[i] = model.floats("head.refine" + i + ".w", 3, 3, refineWidths[i], refineWidths[i + 1]);
            refineBias[i] = model.floats("head.refine" + i + ".b", refineWidths[i + 1]);
        }
    }

    /** Reads and decodes a whole {@code .huvr} file held in memory. */
    public Rendered decode(byte[] bitstream) throws IOException {
        return decode(HuvrReader.read(bitstream));
    }

    /** Decodes a parsed container. */
    public Rendered decode(HuvrImage image) throws LiteDecodeException {
        ImageHeader header = image.header();
        checkSupported(header);
        byte[] alpha = header.getAlphaCoding() == AlphaCoding.ALPHA_NONE ? null : alpha(image);
        int point = header.getQuantization().getOperatingPoint();
        float stepScale = header.getQuantization().getStepScale();
        float[] globalSteps = steps(model.globalLogSteps, stepScale);
        float[] patchSteps = steps(model.patchLogSteps, stepScale);
        TokenLayout layout = header.getLayout();
        int n = model.patchesPerSide;
        int g = model.cellsPerPatchSide;
        int tileCells = n * g;
        long outputBytes = 12L * header.getWidth() * header.getHeight();
        if (outputBytes > Runtime.getRuntime().maxMemory() / 2 || outputBytes / 4 > Integer.MAX_VALUE - 8) {
            throw new LiteDecodeException("decoding needs about " + (outputBytes >> 20) + " MiB, more than half of the "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MiB heap (raise -Xmx) or one Java array holds");
        }
        float[] rgb = new float[header.getWidth() * header.getHeight() * 3];
        float[] tileMap = new float[tileCells * tileCells * outWidth];
        TileWork work = new TileWork(n * n);
        List<byte[]> tiles = image.tiles();
        for (int t = 0; t < tiles.size(); t++) {
            int[] symbols;
            try {
                symbols = SymbolDecoder.decode(header.getEntropyCoderValue(), tiles.get(t), model.tables[point], n);
            } catch (LiteDecodeException e) {
                throw new LiteDecodeException("tile " + t + ": " + e.getMessage(), e);
            }
            for (int i = 0; i < symbols.length; i++) {
                work.tokens[i] = symbols[i] * (i < dim ? globalSteps[i] : patchSteps[i % dim]);
            }
            synthesizeTile(work);
            placeTile(work, n, g, tileMap);
            head(tileMap, tileCells, t % layout.getTilesX() * tileCells, t / layout.getTilesX() * tileCells, rgb,
                    header.getWidth(), header.getHeight());
        }
        try {
            image.filter().ifPresent(filter -> FilterPass.apply(filter, rgb, header.getWidth(), header.getHeight(),
                    layout.getTileSize()));
        } catch (HuvrFormatException e) {
            throw new LiteDecodeException(e.getMessage(), e);
        }
        return new Rendered(header.getWidth(), header.getHeight(), rgb, header.getColorModel(), alpha);
    }

    /**
     * SPEC.md 2.3: the {@code ALPH} chunk's Zstandard content, exactly one 8-bit sample per pixel. The buffer has
     * room for one sample more, so that content too long shows as such instead of being cut.
     */
    private static byte[] alpha(HuvrImage image) throws LiteDecodeException {
        ImageHeader header = image.header();
        if (header.getBitDepth() != 8) {
            throw new LiteDecodeException("huvr-lite decodes 8-bit alpha only, not " + header.getBitDepth() + "-bit");
        }
        byte[] frame = image.alpha().orElseThrow(() -> new LiteDecodeException("the ALPH chunk is missing"));
        int pixels = header.getWidth() * header.getHeight();
        byte[] samples = new byte[pixels + 1];
        long size;
        try {
            size = Zstd.decompressByteArray(samples, 0, samples.length, frame, 0, frame.length);
        } catch (ZstdException e) {
            throw new LiteDecodeException("the ALPH chunk is not a Zstandard frame of at most " + pixels
                    + " samples: " + e.getMessage(), e);
        }
        if (size != pixels) {
            throw new LiteDecodeException("the ALPH chunk holds " + size + " samples, the image has " + pixels);
        }
        return Arrays.copyOf(samples, pixels);
    }

    private void checkSupported(ImageHeader header) throws LiteDecodeException {
        if (!Arrays.equals(header.getModelSha256().toByteArray(), model.sha256())) {
            throw new LiteDecodeException("the bitstream needs model "
                    + HexFormat.of().formatHex(header.getModelSha256().toByteArray()) + ", not " + model.sha256Hex());
        }
        if (header.getOrientation() > 1) {
            throw new LiteDecodeException("huvr-lite decodes images with orientation 1 only, not "
                    + header.getOrientation());
        }
        TokenLayout layout = header.getLayout();
        if (layout.getPatchSize() != model.patchSize || layout.getTileSize() != model.tileSize
                || layout.getPatchTokenDim() != dim || layout.getGlobalTokenDim() != dim) {
            throw new LiteDecodeException("the bitstream's token layout does not match the model's hyper-parameters");
        }
        int point = header.getQuantization().getOperatingPoint();
        if (point >= model.operatingPoints()) {
            throw new LiteDecodeException("operating point " + point + " is not one of the model's "
                    + model.operatingPoints());
        }
    }

    /** MODEL.md step 1: {@code float32(exp(log_step)) * step_scale} in float32. */
    private static float[] steps(float[] logSteps, float stepScale) {
        float[] steps = new float[logSteps.length];
        for (int c = 0; c < steps.length; c++) {
            steps[c] = (float) Math.exp(logSteps[c]) * stepScale;
        }
        return steps;
    }

    /** Buffers for one tile, reused across tiles. */
    private final class TileWork {
        final int patches;
        final int tokenCount;
        final float[] tokens;
        final float[] normed;
        final float[] z;
        final float[] zNormed;
        final float[] hiddenActivations;
        final float[] residual;
        final float[] patchRows;
        final float[] patchMod;
        final float[] globalMod;
        final float[] modulated;
        final float[] numerator;
        final float[] columnNorms;
        final float[] patchModSquared;
        final float[] layer1;
        final float[] patchLayer2;
        /** Layer 2 output of every patch, {@code [patches, cells, outWidth]}. */
        final float[] layer2;

        TileWork(int patches) {
            this.patches = patches;
            tokenCount = 1 + patches;
            tokens = new float[tokenCount * dim];
            normed = new float[tokenCount * dim];
            z = new float[tokenCount * width];
            zNormed = new float[tokenCount * width];
            hiddenActivations = new float[tokenCount * hidden];
            residual = new float[tokenCount * width];
            patchRows = new float[patches * width];
            patchMod = new float[patches * d];
            globalMod = new float[d];
            modulated = new float[cells * d];
            numerator = new float[cells * d];
            columnNorms = new float[d];
            patchModSquared = new float[d];
            layer1 = new float[cells * d];
            patchLayer2 = new float[cells * outWidth];
            layer2 = new float[patches * cells * outWidth];
        }
    }

    /** MODEL.md steps 2 to 6 for one tile's dequantised tokens. */
    private void synthesizeTile(TileWork w) {
        int rows = w.tokenCount;
        FloatMath.layerNorm(w.tokens, rows, dim, lnInGain, lnInBias, w.normed);
        FloatMath.linear(w.normed, rows, dim, upWeight, width, upBias, w.z);
        for (int b = 0; b < blockLnGain.length; b++) {
            FloatMath.layerNorm(w.z, rows, width, blockLnGain[b], blockLnBias[b], w.zNormed);
            FloatMath.linear(w.zNormed, rows, width, fc1Weight[b], hidden, fc1Bias[b], w.hiddenActivations);
            FloatMath.gelu(w.hiddenActivations, rows * hidden);
            FloatMath.linear(w.hiddenActivations, rows, hidden, fc2Weight[b], width, fc2Bias[b], w.residual);
            for (int i = 0; i < rows * width; i++) {
                w.z[i] += w.residual[i];
            }
        }
        FloatMath.layerNorm(w.z, rows, width, lnOutGain, lnOutBias, w.zNormed);
        FloatMath.linear(w.zNormed, 1, width, globalModWeight, d, globalModBias, w.globalMod);
        for (int j = 0; j < d; j++) {
            w.globalMod[j] += 1f;
        }
        System.arraycopy(w.zNormed, width, w.patchRows, 0, w.patches * width);
        FloatMath.linear(w.patchRows, w.patches, width, patchModWeight, d, patchModBias, w.patchMod);
        for (int p = 0; p < w.patches; p++) {
            modulatedLayers(w, p);
        }
    }

    /** MODEL.md steps 5 and 6 for patch {@code p}: the factored modulated layer, then layer 2. */
    private void modulatedLayers(TileWork w, int p) {
        int pOffset = p * d;
        for (int c = 0; c < cells; c++) {
            for (int k = 0; k < d; k++) {
                w.modulated[c * d + k] = layer0[c * d + k] * w.patchMod[pOffset + k];
            }
        }
        FloatMath.linear(w.modulated, cells, d, layer1Weight, d, null, w.numerator);
        for (int k = 0; k < d; k++) {
            w.patchModSquared[k] = w.patchMod[pOffset + k] * w.patchMod[pOffset + k];
        }
        FloatMath.linear(w.patchModSquared, 1, d, layer1WeightSquared, d, null, w.columnNorms);
        for (int j = 0; j < d; j++) {
            w.columnNorms[j] = w.globalMod[j] / (float) Math.sqrt(w.columnNorms[j] + 1e-6f);
        }
        for (int c = 0; c < cells; c++) {
            for (int j = 0; j < d; j++) {
                float v = w.numerator[c * d + j] * w.columnNorms[j] + layer1Bias[j];
                w.layer1[c * d + j] = v > 0f ? v : 0f;
            }
        }
        FloatMath.linear(w.layer1, cells, d, layer2Weight, outWidth, layer2Bias, w.patchLayer2);
        FloatMath.relu(w.patchLayer2, w.patchLayer2.length);
        System.arraycopy(w.patchLayer2, 0, w.layer2, p * cells * outWidth, w.patchLayer2.length);
    }

    /** MODEL.md step 7: cell (i, j) of patch (r, c) into the tile's channel-last feature grid. */
    private void placeTile(TileWork w, int n, int g, float[] tileMap) {
        int tileCells = n * g;
        for (int patch = 0; patch < w.patches; patch++) {
            int r = patch / n;
            int c = patch % n;
            for (int cell = 0; cell < cells; cell++) {
                int row = r * g + cell / g;
                int column = c * g + cell % g;
                System.arraycopy(w.layer2, (patch * cells + cell) * outWidth, tileMap,
                        (row * tileCells + column) * outWidth, outWidth);
            }
        }
    }

    /**
     * MODEL.md steps 8 and 9 for one tile: the 3x3 convolution (zero padding at the tile's edges), the
     * refinement added to it when the model has one, x4 depth-to-space, and the pixels inside the image written
     * to {@code rgb}; the tile's first cell is at {@code (cellX, cellY)} of the image's cell grid.
     */
    private void head(float[] tileMap, int tileCells, int cellX, int cellY, float[] rgb, int imageWidth,
                      int imageHeight) {
        float[] y = conv3x3(tileMap, tileCells, outWidth, headWeight, headBias, HEAD_CHANNELS);
        float[] r = y;
        for (int i = 0; i < refineWeight.length; i++) {
            r = conv3x3(r, tileCells, refineWidths[i], refineWeight[i], refineBias[i], refineWidths[i + 1]);
            if (i < refineWeight.length - 1) {
                FloatMath.relu(r, r.length);
            }
        }
        if (refineWeight.length > 0) {
            for (int i = 0; i < y.length; i++) {
                y[i] += r[i];
            }
        }
        int rows = Math.min(tileCells, (imageHeight + 3) / 4 - cellY);
        int columns = Math.min(tileCells, (imageWidth + 3) / 4 - cellX);
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < columns; column++) {
                int cell = (row * tileCells + column) * HEAD_CHANNELS;
                for (int a = 0; a < 4; a++) {
                    int py = 4 * (cellY + row) + a;
                    for (int b = 0; b < 4 && py < imageHeight; b++) {
                        int px = 4 * (cellX + column) + b;
                        if (px < imageWidth) {
                            System.arraycopy(y, cell + (4 * a + b) * 3, rgb, (py * imageWidth + px) * 3, 3);
                        }
                    }
                }
            }
        }
    }

    /**
     * A 3x3 convolution over one tile's {@code side x side} cells, zero-padded at the tile's edges; input
     * {@code [cell][in]}, weight {@code [3][3][in][out]}, output {@code [cell][out]}.
     */
    static float[] conv3x3(float[] input, int side, int in, float[] weight, float[] bias, int out) {
        float[] output = new float[side * side * out];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int o = (y * side + x) * out;
                System.arraycopy(bias, 0, output, o, out);
                for (int ky = 0; ky < 3; ky++) {
                    int sy = y + ky - 1;
                    if (sy < 0 || sy >= side) {
                        continue;
                    }
                    for (int kx = 0; kx < 3; kx++) {
                        int sx = x + kx - 1;
                        if (sx < 0 || sx >= side) {
                            continue;
                        }
                        int source = (sy * side + sx) * in;
                        int kernel = (ky * 3 + kx) * in * out;
                        for (int ci = 0; ci < in; ci++) {
                            float v = input[source + ci];
                            if (v == 0f) {
                                continue;
                            }
                            int wk = kernel + ci * out;
                            for (int co = 0; co < out; co++) {
                                output[o + co] += v * weight[wk + co];
                            }
                        }
                    }
                }
            }
        }
        return output;
    }

    /** MODEL.md step 4: {@code [sin(pi 2^f y), cos(pi 2^f y), sin(pi 2^f x), cos(pi 2^f x)]} per cell centre. */
    static float[] fourierFeatures(int side, int frequencies) {
        float[] features = new float[side * side * 4 * frequencies];
        for (int row = 0; row < side; row++) {
            for (int column = 0; column < side; column++) {
                double y = -1 + (2 * row + 1.0) / side;
                double x = -1 + (2 * column + 1.0) / side;
                int o = (row * side + column) * 4 * frequencies;
                for (int f = 0; f < frequencies; f++) {
                    double w = Math.PI * Math.pow(2, f);
                    features[o + 4 * f] = (float) Math.sin(w * y);
                    features[o + 4 * f + 1] = (float) Math.cos(w * y);
                    features[o + 4 * f + 2] = (float) Math.sin(w * x);
                    features[o + 4 * f + 3] = (float) Math.cos(w * x);
                }
            }
        }
        return features;
    }
}
