package io.huvr.codec.layers;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Multi-head self-attention with 2D rotary position embeddings over one tile's tokens: token 0 is
 * the global token (position 0, no rotation), tokens 1..n*n are the patches in raster order.
 *
 * <p>The first half of each head's channels rotates with the patch row, the second half with the
 * column. Rotating pairs {@code (i, i + quarter)} is {@code q cos + (q R) sin} with a fixed signed
 * permutation {@code R}: one matrix product instead of slices and concatenations.
 */
public final class RotaryAttention {
    private static final double ROTARY_BASE = 100.0;

    private final int width;
    private final int heads;
    private final int tokens;
    private final SDVariable cos;
    private final SDVariable sin;
    private final SDVariable rotate;

    /**
     * @param patchesPerSide patches per tile side: there are {@code 1 + patchesPerSide^2} tokens
     */
    public RotaryAttention(SameDiff sd, String name, int width, int heads, int patchesPerSide) {
        this.width = width;
        this.heads = heads;
        this.tokens = 1 + patchesPerSide * patchesPerSide;
        int headWidth = width / heads;
        int half = headWidth / 2;
        int quarter = headWidth / 4;
        float[][] cosTable = new float[tokens][headWidth];
        float[][] sinTable = new float[tokens][headWidth];
        for (int t = 0; t < tokens; t++) {
            int row = t == 0 ? 0 : (t - 1) / patchesPerSide;
            int col = t == 0 ? 0 : (t - 1) % patchesPerSide;
            for (int axis = 0; axis < 2; axis++) {
                int position = axis == 0 ? row : col;
                for (int i = 0; i < quarter; i++) {
                    double angle = position * Math.pow(ROTARY_BASE, -(double) i / quarter);
                    for (int k : new int[] {axis * half + i, axis * half + i + quarter}) {
                        cosTable[t][k] = (float) Math.cos(angle);
                        sinTable[t][k] = (float) Math.sin(angle);
                    }
                }
            }
        }
        float[][] rotation = new float[headWidth][headWidth];
        for (int axis = 0; axis < 2; axis++) {
            for (int i = 0; i < quarter; i++) {
                int a = axis * half + i;
                int b = a + quarter;
                rotation[b][a] = -1;
                rotation[a][b] = 1;
            }
        }
        this.cos = sd.constant(name + ".rope_cos", Nd4j.create(cosTable).castTo(DataType.FLOAT));
        this.sin = sd.constant(name + ".rope_sin", Nd4j.create(sinTable).castTo(DataType.FLOAT));
        this.rotate = sd.constant(name + ".rope_rotate", Nd4j.create(rotation).castTo(DataType.FLOAT));
    }

    /**
     * Attention of a rank-2 input {@code [tiles * tokens, width]}; returns the same shape (before the
     * output projection, which the caller applies).
     */
    public SDVariable apply(Layers layers, String name, SDVariable x) {
        SameDiff sd = layers.sd();
        int headWidth = width / heads;
        SDVariable qkv = layers.linear(name + ".qkv", x, width, 3 * width)
                .reshape(-1, tokens, 3, heads, headWidth)
                .permute(2, 0, 3, 1, 4);                       // [3, tiles, heads, tokens, headWidth]
        SDVariable[] parts = sd.unstack(qkv, 0, 3);
        SDVariable q = rotary(parts[0].reshape(-1, tokens, headWidth), headWidth);
        SDVariable k = rotary(parts[1].reshape(-1, tokens, headWidth), headWidth);
        SDVariable v = parts[2].reshape(-1, tokens, headWidth);
        SDVariable scores = sd.mmul(q, k, false, true, false).mul(1.0 / Math.sqrt(headWidth));
        SDVariable attended = sd.mmul(sd.nn.softmax(scores, 2), v);   // [tiles*heads, tokens, headWidth]
        return attended.reshape(-1, heads, tokens, headWidth)
                .permute(0, 2, 1, 3)
                .reshape(-1, width);
    }

    private SDVariable rotary(SDVariable x, int headWidth) {
        SDVariable rotated = x.reshape(-1, headWidth).mmul(rotate).reshape(-1, tokens, headWidth);
        return x.mul(cos).add(rotated.mul(sin));
    }
}
