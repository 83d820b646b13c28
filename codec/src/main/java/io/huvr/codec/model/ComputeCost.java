package io.huvr.codec.model;

/**
 * Multiply-accumulates per pixel of the encoder and decoder of a configuration, counted from the
 * matrix products of {@link HuvrGraph} (element-wise work, normalisations and activations excluded).
 */
public final class ComputeCost {
    private ComputeCost() {
    }

    /** Decoder MACs per pixel: per-token MLP, modulation projections, INR layers and the 3x3 head with its refinement. */
    public static double decoderMacsPerPixel(HuvrConfig c) {
        long tokens = 1L + c.patchesPerTile();
        long cells = (long) c.gridPerPatch() * c.gridPerPatch();
        long perToken = (long) c.tokenDim() * c.decoderWidth()
                + 2L * c.decoderDepth() * c.decoderWidth() * c.decoderMlpHidden()
                + (long) c.decoderWidth() * c.inrWidth();
        long perPatch = cells * c.inrWidth() * c.inrWidth()          // modulated layer, factored
                + (long) c.inrWidth() * c.inrWidth()                   // its column norms
                + cells * c.inrWidth() * c.inrOutWidth()               // last INR layer
                + cells * 9L * c.inrOutWidth() * HuvrConfig.HEAD_CHANNELS  // 3x3 head on the patch's cells
                + cells * 9L * headRefineMacsPerCell(c);
        return (tokens * perToken + c.patchesPerTile() * perPatch) / (double) (c.tileSize() * c.tileSize());
    }

    /** Multiply-accumulates per cell and kernel tap of the head's refinement (0 for width 0). */
    private static long headRefineMacsPerCell(HuvrConfig c) {
        long w = c.headRefineWidth();
        return 2L * HuvrConfig.HEAD_CHANNELS * w + (HuvrConfig.HEAD_REFINE_LAYERS - 2) * w * w;
    }

    /** Encoder MACs per pixel: patch embedding, ViT blocks (attention included) and the TinTok projection. */
    public static double encoderMacsPerPixel(HuvrConfig c) {
        long tokens = 1L + c.patchesPerTile();
        long e = c.encoderWidth();
        long perBlock = tokens * (4 * e * e + 2 * e * c.encoderMlpHidden()) + 2 * tokens * tokens * e;
        long total = (long) c.patchesPerTile() * 3 * c.patchSize() * c.patchSize() * e
                + c.encoderDepth() * perBlock + tokens * e * c.tokenDim();
        return total / (double) (c.tileSize() * c.tileSize());
    }
}
