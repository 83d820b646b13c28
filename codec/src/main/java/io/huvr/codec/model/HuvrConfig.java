package io.huvr.codec.model;

import io.huvr.format.proto.ModelHeader;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hyper-parameters of one member of the HUVR model family ("huvr-inr-v1").
 *
 * <p>They travel in the model file's header ({@link #toParams()} / {@link #fromHeader}), never as code
 * constants, so a model trained on a GPU at reference size loads through the same path as the small
 * CPU default.
 *
 * @param patchSize        pixels per patch side; the INR grid per patch is {@code patchSize / 4} cells per side
 * @param tileSize         pixels per tile side: the encoder sees one tile (its patches plus one global token) at once
 * @param encoderWidth     ViT width
 * @param encoderDepth     ViT blocks
 * @param encoderHeads     attention heads (encoderWidth / heads must be even for 2D rotary embeddings)
 * @param encoderMlpHidden hidden width of each ViT block's MLP
 * @param tokenDim         TinTok channels of every token, global and patch
 * @param decoderWidth     width the TinToks are projected up to
 * @param decoderDepth     per-token pre-norm MLP blocks
 * @param decoderMlpHidden hidden width of those blocks
 * @param fourierFrequencies frequencies per coordinate axis of the INR's Fourier features (4 x this many inputs)
 * @param inrWidth         width of the modulated INR layer (d_in = d_out)
 * @param inrOutWidth      width of the last INR layer, the input of the shared 3x3 output convolution
 * @param mixtureComponents logistic components per channel of the factorized density model
 * @param headRefineWidth  width of the head's residual refinement (three 3x3 convolutions on the 48 channels
 *                         before the pixel shuffle), 0 for none; optional in a model file, 0 when absent
 */
public record HuvrConfig(
        int patchSize, int tileSize,
        int encoderWidth, int encoderDepth, int encoderHeads, int encoderMlpHidden,
        int tokenDim,
        int decoderWidth, int decoderDepth, int decoderMlpHidden,
        int fourierFrequencies, int inrWidth, int inrOutWidth,
        int mixtureComponents, int headRefineWidth) {

    /** The architecture name written into model files. */
    public static final String ARCHITECTURE = "huvr-inr-v1";
    /** Channels of the head's 3x3 convolution: 4 x 4 pixels x RGB of each cell, before the pixel shuffle. */
    public static final int HEAD_CHANNELS = 48;
    /** Convolutions of the head's refinement, when it has one. */
    public static final int HEAD_REFINE_LAYERS = 3;
    private static final String HEAD_REFINE_WIDTH = "head_refine_width";

    /** A configuration without the head's refinement. */
    public HuvrConfig(int patchSize, int tileSize, int encoderWidth, int encoderDepth, int encoderHeads,
                      int encoderMlpHidden, int tokenDim, int decoderWidth, int decoderDepth, int decoderMlpHidden,
                      int fourierFrequencies, int inrWidth, int inrOutWidth, int mixtureComponents) {
        this(patchSize, tileSize, encoderWidth, encoderDepth, encoderHeads, encoderMlpHidden, tokenDim, decoderWidth,
                decoderDepth, decoderMlpHidden, fourierFrequencies, inrWidth, inrOutWidth, mixtureComponents, 0);
    }

    public HuvrConfig {
        require(patchSize >= 4 && patchSize % 4 == 0, "patch_size must be a positive multiple of 4");
        require(tileSize >= patchSize && tileSize % patchSize == 0, "tile_size must be a multiple of patch_size");
        require(encoderWidth > 0 && encoderDepth >= 0 && encoderHeads > 0, "encoder sizes must be positive");
        require(encoderWidth % encoderHeads == 0 && (encoderWidth / encoderHeads) % 4 == 0,
                "encoder head width must be a multiple of 4 (two rotary axes)");
        require(encoderMlpHidden > 0 && tokenDim > 0 && decoderWidth > 0 && decoderDepth >= 0
                && decoderMlpHidden > 0, "token and decoder sizes must be positive");
        require(fourierFrequencies > 0 && inrWidth > 0 && inrOutWidth > 0 && mixtureComponents > 0,
                "INR and density sizes must be positive");
        require(headRefineWidth >= 0, "head_refine_width must not be negative");
    }

    /** The small default (huvr-s's size), sized to run, and to train slowly, on a 2-core CPU. */
    public static HuvrConfig small() {
        return new HuvrConfig(8, 64, 192, 4, 3, 384, 48, 128, 2, 256, 8, 64, 64, 3, 64);
    }

    /** The published reference size (ViT-B/16, TinTok 32, decoder 1024, INR 128-256-256-256), for GPU machines. */
    public static HuvrConfig reference() {
        return new HuvrConfig(16, 256, 768, 12, 12, 3072, 32, 1024, 3, 4096, 32, 256, 256, 3);
    }

    /** Patches per tile side. */
    public int patchesPerSide() {
        return tileSize / patchSize;
    }

    /** Patches per tile. */
    public int patchesPerTile() {
        return patchesPerSide() * patchesPerSide();
    }

    /** INR grid cells per patch side: the x4 pixel shuffle turns each cell into 4x4 pixels. */
    public int gridPerPatch() {
        return patchSize / 4;
    }

    /**
     * The shapes of the tensors that carry each hyper-parameter (the last block of each depth included): a
     * file's tensors are checked against these before a graph of this size is built, since hyper-parameters
     * alone could ask for gigabytes.
     */
    public Map<String, long[]> sizingTensorShapes() {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("enc.patch_embed.w", new long[] {3L * patchSize * patchSize, encoderWidth});
        if (encoderDepth > 0) {
            shapes.put("enc.block" + (encoderDepth - 1) + ".mlp.fc1.w", new long[] {encoderWidth, encoderMlpHidden});
        }
        shapes.put("tintok.down.w", new long[] {encoderWidth, tokenDim});
        shapes.put("density.patch.logits", new long[] {tokenDim, mixtureComponents});
        shapes.put("dec.up.w", new long[] {tokenDim, decoderWidth});
        if (decoderDepth > 0) {
            shapes.put("dec.block" + (decoderDepth - 1) + ".fc1.w", new long[] {decoderWidth, decoderMlpHidden});
        }
        shapes.put("inr.l0.w", new long[] {4L * fourierFrequencies, inrWidth});
        shapes.put("inr.l2.w", new long[] {inrWidth, inrOutWidth});
        if (headRefineWidth > 0) {
            shapes.put("head.refine1.w", new long[] {3, 3, headRefineWidth, headRefineWidth});
        }
        return shapes;
    }

    /** The hyper-parameters by name, as stored in {@code ModelHeader.int_params}. */
    public Map<String, Long> toParams() {
        Map<String, Long> p = new LinkedHashMap<>();
        p.put("patch_size", (long) patchSize);
        p.put("tile_size", (long) tileSize);
        p.put("encoder_width", (long) encoderWidth);
        p.put("encoder_depth", (long) encoderDepth);
        p.put("encoder_heads", (long) encoderHeads);
        p.put("encoder_mlp_hidden", (long) encoderMlpHidden);
        p.put("token_dim", (long) tokenDim);
        p.put("decoder_width", (long) decoderWidth);
        p.put("decoder_depth", (long) decoderDepth);
        p.put("decoder_mlp_hidden", (long) decoderMlpHidden);
        p.put("fourier_frequencies", (long) fourierFrequencies);
        p.put("inr_width", (long) inrWidth);
        p.put("inr_out_width", (long) inrOutWidth);
        p.put("mixture_components", (long) mixtureComponents);
        if (headRefineWidth > 0) {
            // Written only when present, so a model without it keeps the header (and SHA-256) it always had.
            p.put(HEAD_REFINE_WIDTH, (long) headRefineWidth);
        }
        return p;
    }

    /** Reads the hyper-parameters of a model file; a missing or out-of-range one is an {@link IllegalArgumentException}. */
    public static HuvrConfig fromHeader(ModelHeader header) {
        require(ARCHITECTURE.equals(header.getArchitecture()),
                "model architecture is '" + header.getArchitecture() + "', expected " + ARCHITECTURE);
        return fromParams(header.getIntParamsMap());
    }

    /** The hyper-parameters from a map by name ({@link #toParams()}'s names); a missing or out-of-range one is an {@link IllegalArgumentException}. */
    public static HuvrConfig fromParams(Map<String, Long> p) {
        return new HuvrConfig(
                param(p, "patch_size"), param(p, "tile_size"),
                param(p, "encoder_width"), param(p, "encoder_depth"), param(p, "encoder_heads"),
                param(p, "encoder_mlp_hidden"), param(p, "token_dim"),
                param(p, "decoder_width"), param(p, "decoder_depth"), param(p, "decoder_mlp_hidden"),
                param(p, "fourier_frequencies"), param(p, "inr_width"), param(p, "inr_out_width"),
                param(p, "mixture_components"),
                p.containsKey(HEAD_REFINE_WIDTH) ? param(p, HEAD_REFINE_WIDTH) : 0);
    }

    private static int param(Map<String, Long> params, String name) {
        Long value = params.get(name);
        require(value != null, "model file lacks hyper-parameter " + name);
        require(value > 0 && value <= 1 << 16 || value == 0 && (name.endsWith("_depth") || name.equals(HEAD_REFINE_WIDTH)),
                "hyper-parameter " + name + " = " + value + " is out of range");
        return value.intValue();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
