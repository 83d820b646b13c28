package io.huvr.codec.model;

import io.huvr.codec.layers.Layers;
import io.huvr.codec.layers.RotaryAttention;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.enums.DataFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The HUVR network as a SameDiff graph. Its parts are built by the same methods for training and
 * for inference, so the parameter names (the model file's tensor names) are the same in both:
 *
 * <ul>
 *   <li>{@link #encode}: tile pixels to continuous TinToks {@code [tiles, 1 + patches, tokenDim]},
 *       token 0 global;</li>
 *   <li>{@link #synthesize}: (dequantised) TinToks to the INR feature grid of each tile;</li>
 *   <li>{@link #head}: feature maps to RGB, by a shared 3x3 convolution, the optional residual refinement and a
 *       x4 pixel shuffle; it runs on each tile's feature grid, zero-padded at the tile's edges, as training sees it.</li>
 * </ul>
 *
 * The modulated INR layer is evaluated in factored form: {@code x (W o p g^T)} is never
 * materialised (DESIGN.md, "the math that makes it fast").
 */
public final class HuvrGraph {
    /** Placeholder: tiles {@code [tiles, 3, tile, tile]} in [-1, 1]. */
    public static final String IMAGE = "image";
    /** Output: continuous TinToks {@code [tiles, tokens, tokenDim]}. */
    public static final String LATENT = "latent";
    /** Placeholder: dequantised TinToks {@code [tiles, tokens, tokenDim]}. */
    public static final String TOKENS = "tokens";
    /** Placeholder: Fourier features of the INR grid inside one patch {@code [cells, 4 * frequencies]}. */
    public static final String GRID = "grid";
    /** Output: INR features {@code [tiles, inrOut, side, side]}. */
    public static final String FEATURES = "features";
    /** Placeholder: tiles' feature grids {@code [tiles, inrOut, h, w]}. */
    public static final String FEATURE_MAP = "feature_map";
    /** Output: RGB {@code [tiles, 3, 4h, 4w]} in [-1, 1] (not clipped). */
    public static final String RGB = "rgb";

    /** Training inputs and outputs. */
    public static final String NOISE = "noise";
    public static final String STEP_SCALE = "step_scale";
    public static final String DISTORTION_WEIGHT = "distortion_weight";
    public static final String LOSS = "loss";
    public static final String MSE = "mse";
    public static final String BPP = "bpp";

    /** Refinement: the trainable TinToks, in quantisation steps of their channel. */
    public static final String REFINED_SYMBOLS = "refine.symbols";
    /** Refinement placeholder: the temperature of the annealed stochastic rounding. */
    public static final String TEMPERATURE = "temperature";

    public static final String PATCH_STEP = "quant.patch.log_step";
    public static final String GLOBAL_STEP = "quant.global.log_step";
    public static final String PATCH_DENSITY = "density.patch";
    public static final String GLOBAL_DENSITY = "density.global";

    private final HuvrConfig config;
    private final SameDiff sd;
    private final Layers layers;
    private final RotaryAttention attention;

    private HuvrGraph(HuvrConfig config, long seed) {
        this.config = config;
        this.sd = SameDiff.create();
        this.layers = new Layers(sd, seed);
        this.attention = new RotaryAttention(sd, "enc.attn", config.encoderWidth(), config.encoderHeads(),
                config.patchesPerSide());
    }

    public SameDiff sd() {
        return sd;
    }

    public HuvrConfig config() {
        return config;
    }

    /**
     * The inference graph: three independent sub-graphs (encode, synthesize, head) over one set
     * of parameters, run one at a time by {@link SameDiff#output}.
     */
    public static HuvrGraph inference(HuvrConfig config) {
        HuvrGraph g = new HuvrGraph(config, 1);
        SameDiff sd = g.sd;
        int s = config.tileSize();
        sd.placeHolder(IMAGE, DataType.FLOAT, -1, 3, s, s);
        g.encode(sd.getVariable(IMAGE)).rename(LATENT);
        g.declareQuantizationAndDensity();
        SDVariable tokens = sd.placeHolder(TOKENS, DataType.FLOAT, -1, 1 + config.patchesPerTile(), config.tokenDim());
        SDVariable grid = sd.placeHolder(GRID, DataType.FLOAT, -1, 4 * config.fourierFrequencies());
        g.synthesize(tokens, grid).rename(FEATURES);
        SDVariable map = sd.placeHolder(FEATURE_MAP, DataType.FLOAT, -1, config.inrOutWidth(), -1, -1);
        g.head(map).rename(RGB);
        return g;
    }

    /**
     * The training graph: tiles in, {@code loss = bpp + distortion_weight * mse} out, with additive
     * uniform noise for the rate term and a straight-through rounding for the decoder's input.
     */
    public static HuvrGraph training(HuvrConfig config, long seed) {
        HuvrGraph g = new HuvrGraph(config, seed);
        return g.rateDistortion(g.encode(g.sd.placeHolder(IMAGE, DataType.FLOAT, -1, 3, config.tileSize(),
                config.tileSize())));
    }

    /**
     * The encoder-side refinement graph: the training objective, but the TinToks of {@code tiles} tiles, in
     * quantisation steps, are the trainable variable {@link #REFINED_SYMBOLS}, the encoder is absent, and rounding
     * is relaxed by stochastic Gumbel annealing (Yang, Bamler and Mandt, "Improving Inference for Neural Image
     * Compression", 2020): a symbol {@code u} in {@code [f, f + 1)} becomes {@code f + sigmoid((atanh(u - f) -
     * atanh(f + 1 - u)) / temperature + noise)} with logistic noise, a random soft choice of its two nearest
     * integers that hardens into rounding as the temperature falls. Rate and distortion are both taken at the
     * relaxed symbols, so the gradient sees what rounding will do (the training graph's noisy rate and
     * straight-through rounding made refinement spend more bits for less quality).
     */
    public static HuvrGraph refinement(HuvrConfig config, int tiles) {
        HuvrGraph g = new HuvrGraph(config, 1);
        SameDiff sd = g.sd;
        int tokens = 1 + config.patchesPerTile();
        sd.placeHolder(IMAGE, DataType.FLOAT, -1, 3, config.tileSize(), config.tileSize());
        SDVariable symbols = g.layers.constantParam(REFINED_SYMBOLS, 0, tiles, tokens, config.tokenDim());
        SDVariable noise = sd.placeHolder(NOISE, DataType.FLOAT, -1, tokens, config.tokenDim());
        SDVariable temperature = sd.placeHolder(TEMPERATURE, DataType.FLOAT);
        SDVariable[] steps = g.quantisationSteps();
        SDVariable floor = new StopGradient(sd, sd.math.floor(symbols)).outputVariable();
        double edge = 1 - 1e-5;   // atanh(1) is infinite
        SDVariable fraction = sd.math.clipByValue(symbols.sub(floor), 0, edge);
        SDVariable logit = sd.math.atanh(fraction).sub(sd.math.atanh(sd.math.clipByValue(fraction.rsub(1.0), 0, edge)))
                .div(temperature).add(noise);
        SDVariable relaxed = floor.add(sd.nn.sigmoid(logit));
        SDVariable global = g.tokens(relaxed, 0, 1).mul(steps[0]);
        SDVariable patch = g.tokens(relaxed, 1, tokens).mul(steps[1]);
        return g.objective(global, patch, steps, sd.concat(1, global, patch));
    }

    /**
     * Fitting configuration of the {@link #training} graph: its placeholders are fed from a data set's features in
     * this order, and it has no labels.
     */
    public static TrainingConfig trainingConfig(IUpdater updater) {
        return fitting(updater, IMAGE, NOISE, STEP_SCALE, DISTORTION_WEIGHT);
    }

    /** Fitting configuration of the {@link #refinement} graph: the training graph's features, then the temperature. */
    public static TrainingConfig refinementConfig(IUpdater updater) {
        return fitting(updater, IMAGE, NOISE, STEP_SCALE, DISTORTION_WEIGHT, TEMPERATURE);
    }

    private static TrainingConfig fitting(IUpdater updater, String... features) {
        return TrainingConfig.builder().updater(updater).dataSetFeatureMapping(features).markLabelsUnused().build();
    }

    /** Training: the rate of the latent plus uniform noise of one step, the decoder fed straight-through rounding. */
    private HuvrGraph rateDistortion(SDVariable latent) {
        int tokens = 1 + config.patchesPerTile();
        SDVariable noise = sd.placeHolder(NOISE, DataType.FLOAT, -1, tokens, config.tokenDim());
        SDVariable[] steps = quantisationSteps();
        SDVariable global = tokens(latent, 0, 1);
        SDVariable patch = tokens(latent, 1, tokens);
        SDVariable quantized = sd.concat(1, roundStraightThrough(global, steps[0]), roundStraightThrough(patch, steps[1]));
        return objective(global.add(tokens(noise, 0, 1).mul(steps[0])), patch.add(tokens(noise, 1, tokens).mul(steps[1])),
                steps, quantized);
    }

    /** Tokens {@code [from, to)} of every tile of {@code [tiles, tokens, dim]}. */
    private SDVariable tokens(SDVariable all, int from, int to) {
        return all.get(SDIndex.all(), SDIndex.interval(from, to), SDIndex.all());
    }

    /** The step-scale placeholder and the global and patch quantisation steps it scales. */
    private SDVariable[] quantisationSteps() {
        SDVariable stepScale = sd.placeHolder(STEP_SCALE, DataType.FLOAT);
        declareQuantizationAndDensity();
        return new SDVariable[] {sd.math.exp(sd.getVariable(GLOBAL_STEP)).mul(stepScale),
            sd.math.exp(sd.getVariable(PATCH_STEP)).mul(stepScale)};
    }

    /** {@code loss = bpp + distortion_weight * mse}: bits of the rate's values, MSE of the decoder's output. */
    private HuvrGraph objective(SDVariable globalForRate, SDVariable patchForRate, SDVariable[] steps,
                                SDVariable decoderInput) {
        int s = config.tileSize();
        SDVariable image = sd.getVariable(IMAGE);
        SDVariable distortionWeight = sd.placeHolder(DISTORTION_WEIGHT, DataType.FLOAT);
        SDVariable bits = bits(PATCH_DENSITY, patchForRate, steps[1]).add(bits(GLOBAL_DENSITY, globalForRate, steps[0]));
        SDVariable bpp = bits.div(sd.sizeAt(image, 0).castTo(DataType.FLOAT)).div((double) s * s).rename(BPP);
        SDVariable grid = sd.constant("train.grid", gridFourierFeatures(config.gridPerPatch(),
                config.fourierFrequencies()));
        SDVariable recon = head(synthesize(decoderInput, grid));
        SDVariable mse = sd.math.square(recon.sub(image)).mean().rename(MSE);
        sd.setLossVariables(bpp.add(distortionWeight.mul(mse)).rename(LOSS));
        return this;
    }

    /** Tiles to continuous TinToks: patch embedding, a global token, rotary ViT blocks, TinTok projection. */
    SDVariable encode(SDVariable image) {
        int p = config.patchSize();
        int n = config.patchesPerSide();
        int width = config.encoderWidth();
        int tokens = 1 + n * n;
        SDVariable patches = image.reshape(-1, 3, n, p, n, p).permute(0, 2, 4, 1, 3, 5).reshape(-1, 3 * p * p);
        SDVariable embedded = layers.linear("enc.patch_embed", patches, 3 * p * p, width).reshape(-1, n * n, width);
        // The global token starts as the mean patch embedding plus a learned offset.
        SDVariable global = embedded.mean(true, 1).add(layers.constantParam("enc.global_token", 0, width));
        SDVariable x = sd.concat(1, global, embedded).reshape(-1, width);
        for (int b = 0; b < config.encoderDepth(); b++) {
            String name = "enc.block" + b;
            SDVariable attended = attention.apply(layers, name + ".attn",
                    layers.layerNorm(name + ".ln_attn", x, width));
            x = x.add(layers.linear(name + ".attn.out", attended, width, width));
            x = layers.mlpBlock(name + ".mlp", x, width, config.encoderMlpHidden());
        }
        SDVariable tintok = layers.linear("tintok.down", layers.layerNorm("tintok.ln", x, width), width,
                config.tokenDim());
        return tintok.reshape(-1, tokens, config.tokenDim());
    }

    /**
     * TinToks to each tile's INR feature grid {@code [tiles, inrOut, n * side, n * side]}, where the
     * grid's Fourier features {@code [side^2, 4 * frequencies]} decide the side.
     */
    SDVariable synthesize(SDVariable tokens, SDVariable gridFourier) {
        int n = config.patchesPerSide();
        int patchesPerTile = n * n;
        int tokenCount = 1 + patchesPerTile;
        int dw = config.decoderWidth();
        int d = config.inrWidth();
        int out = config.inrOutWidth();

        SDVariable z = layers.linear("dec.up", layers.layerNorm("dec.ln_in", tokens.reshape(-1, config.tokenDim()),
                config.tokenDim()), config.tokenDim(), dw);
        for (int b = 0; b < config.decoderDepth(); b++) {
            z = layers.mlpBlock("dec.block" + b, z, dw, config.decoderMlpHidden());
        }
        z = layers.layerNorm("dec.ln_out", z, dw).reshape(-1, tokenCount, dw);
        SDVariable globalZ = z.get(SDIndex.all(), SDIndex.point(0), SDIndex.all());
        SDVariable patchZ = z.get(SDIndex.all(), SDIndex.interval(1, tokenCount), SDIndex.all()).reshape(-1, dw);
        SDVariable patchMod = layers.linear("mod.patch", patchZ, dw, d);                 // p: [tiles*patches, d]
        SDVariable globalMod = layers.linear("mod.global", globalZ, dw, d).add(1.0);   // g: [tiles, d]

        // INR layer 0 (unmodulated): Fourier features of the cell centres -> d.
        SDVariable h0 = sd.nn.relu(gridFourier.mmul(columnNormalised(layers.normal("inr.l0.w", 1.0,
                4L * config.fourierFrequencies(), d))).add(layers.constantParam("inr.l0.b", 0, d)), 0);
        // INR layer 1, modulated by p g^T and column-normalised, in factored form:
        // column j of (W o p) has norm sqrt((p o p)(W o W))_j; the global token scales it afterwards.
        SDVariable w1 = layers.normal("inr.l1.w", 1.0, d, d);
        SDVariable cells = sd.sizeAt(gridFourier, 0).castTo(DataType.LONG);
        SDVariable numerator = sd.reshape(patchMod.reshape(-1, 1, d).mul(h0).reshape(-1, d).mmul(w1),
                shape(-1L, cells, (long) d));                                       // [tiles*patches, cells, d]
        SDVariable norms = sd.math.sqrt(sd.math.square(patchMod).mmul(sd.math.square(w1)).add(1e-6));
        SDVariable columnScale = globalMod.reshape(-1, 1, d).div(norms.reshape(-1, patchesPerTile, d))
                .reshape(-1, 1, d);                                                 // g / |column|, per patch
        SDVariable h1 = sd.nn.relu(numerator.mul(columnScale).reshape(-1, d)
                .add(layers.constantParam("inr.l1.b", 0, d)), 0);
        SDVariable h2 = sd.nn.relu(h1.mmul(columnNormalised(layers.normal("inr.l2.w", 1.0, d, out)))
                .add(layers.constantParam("inr.l2.b", 0, out)), 0);
        // Patch-major rows [tiles, n, n, side, side, out] to the tile's feature grid [tiles, out, n*side, n*side].
        SDVariable side = sd.math.sqrt(cells.castTo(DataType.FLOAT)).add(0.5).castTo(DataType.LONG);
        SDVariable total = side.mul((long) n);
        return sd.reshape(sd.reshape(h2, shape(-1L, (long) n, (long) n, side, side, (long) out))
                .permute(0, 5, 1, 3, 2, 4), shape(-1L, (long) out, total, total));
    }

    /** A rank-1 shape from fixed sizes ({@code Long}) and sizes known only at run time (scalar {@code SDVariable}s). */
    private SDVariable shape(Object... dims) {
        SDVariable[] parts = new SDVariable[dims.length];
        for (int i = 0; i < dims.length; i++) {
            parts[i] = dims[i] instanceof SDVariable v ? v.reshape(1)
                    : sd.constant(Nd4j.createFromArray((Long) dims[i]));
        }
        return sd.concat(0, parts);
    }

    /**
     * The shared 3x3 convolution to 48 channels, the optional residual refinement of those channels (3x3
     * convolutions with ReLU between them; its last one starts at zero, so a model grown to have one starts as
     * it was) and the x4 pixel shuffle to RGB.
     */
    SDVariable head(SDVariable featureMap) {
        int channels = HuvrConfig.HEAD_CHANNELS;
        SDVariable y = conv3x3("head.conv", featureMap, config.inrOutWidth(), channels, 1.0 / Math.sqrt(9.0 * config.inrOutWidth()));
        int width = config.headRefineWidth();
        if (width > 0) {
            SDVariable r = y;
            for (int i = 0; i < HuvrConfig.HEAD_REFINE_LAYERS; i++) {
                boolean last = i == HuvrConfig.HEAD_REFINE_LAYERS - 1;
                int in = i == 0 ? channels : width;
                r = conv3x3("head.refine" + i, r, in, last ? channels : width, last ? 0 : 1.0 / Math.sqrt(9.0 * in));
                r = last ? r : sd.nn.relu(r, 0);
            }
            y = y.add(r);
        }
        return sd.cnn.depthToSpace(y, 4, DataFormat.NCHW);
    }

    /** A zero-padded 3x3 convolution {@code name.w [3, 3, in, out]}, {@code name.b [out]}, initial weights N(0, std). */
    private SDVariable conv3x3(String name, SDVariable x, int in, int out, double std) {
        SDVariable w = layers.normal(name + ".w", std, 3, 3, in, out);
        SDVariable b = layers.constantParam(name + ".b", 0, out);
        Conv2DConfig conv = Conv2DConfig.builder().kH(3).kW(3).sH(1).sW(1).pH(1).pW(1)
                .paddingMode(PaddingMode.SAME).dataFormat("NCHW").build();
        return sd.cnn.conv2d(x, w, b, conv);
    }

    /** Per-channel quantisation steps (log scale) and factorized logistic-mixture densities. */
    private void declareQuantizationAndDensity() {
        int dim = config.tokenDim();
        int k = config.mixtureComponents();
        layers.constantParam(PATCH_STEP, 0, dim);
        layers.constantParam(GLOBAL_STEP, 0, dim);
        for (String density : new String[] {PATCH_DENSITY, GLOBAL_DENSITY}) {
            layers.constantParam(density + ".logits", 0, dim, k);
            layers.normal(density + ".means", 1.0, dim, k);
            layers.constantParam(density + ".log_scales", 0, dim, k);
        }
    }

    /** Total bits of {@code values [.., tokenDim]} under a density, each a bin of width {@code step}. */
    private SDVariable bits(String density, SDVariable values, SDVariable step) {
        int dim = config.tokenDim();
        SDVariable v = values.reshape(-1, dim, 1);
        SDVariable half = step.mul(0.5).reshape(dim, 1);
        SDVariable means = sd.getVariable(density + ".means");
        SDVariable inverseScale = sd.math.exp(sd.getVariable(density + ".log_scales").neg());
        SDVariable weights = sd.nn.softmax(sd.getVariable(density + ".logits"), 1);
        SDVariable upper = sd.nn.sigmoid(v.add(half).sub(means).mul(inverseScale));
        SDVariable lower = sd.nn.sigmoid(v.sub(half).sub(means).mul(inverseScale));
        SDVariable probability = upper.sub(lower).mul(weights).sum(2);
        return sd.math.log(probability.add(1e-9)).sum().mul(-1.0 / Math.log(2));
    }

    /** {@code round(y / step) * step} forwards, identity on y (and a quantisation-error gradient on step) backwards. */
    private SDVariable roundStraightThrough(SDVariable latent, SDVariable step) {
        SDVariable scaled = latent.div(step);
        SDVariable offset = new StopGradient(sd, sd.math.round(scaled).sub(scaled)).outputVariable();
        return scaled.add(offset).mul(step);
    }

    private SDVariable columnNormalised(SDVariable w) {
        return w.div(sd.math.sqrt(sd.math.square(w).sum(true, 0).add(1e-6)));
    }

    /**
     * Fourier features {@code [side^2, 4 * frequencies]} of the centres of a side x side grid of cells
     * in (-1, 1), row-major: sin and cos of {@code pi 2^f y} and {@code pi 2^f x}.
     */
    public static INDArray gridFourierFeatures(int side, int frequencies) {
        float[][] features = new float[side * side][4 * frequencies];
        for (int row = 0; row < side; row++) {
            for (int col = 0; col < side; col++) {
                double y = -1 + (2 * row + 1.0) / side;
                double x = -1 + (2 * col + 1.0) / side;
                float[] f = features[row * side + col];
                for (int k = 0; k < frequencies; k++) {
                    double w = Math.PI * Math.pow(2, k);
                    f[4 * k] = (float) Math.sin(w * y);
                    f[4 * k + 1] = (float) Math.cos(w * y);
                    f[4 * k + 2] = (float) Math.sin(w * x);
                    f[4 * k + 3] = (float) Math.cos(w * x);
                }
            }
        }
        return Nd4j.create(features).castTo(DataType.FLOAT);
    }
}
