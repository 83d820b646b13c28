package io.huvr.codec;

import io.huvr.format.proto.EntropyCoder;

/**
 * How to encode one image.
 *
 * @param quality operating point, 1 (smallest files) to the model's number of operating points
 * @param effort  0 = one forward pass of the encoder; each level above refines the tokens with more
 *                gradient steps through the fixed decoder (slower encoding, same decoder and format)
 * @param coder   the entropy coder of the payload
 */
public record EncodeOptions(int quality, int effort, EntropyCoder coder) {
    public static final int DEFAULT_QUALITY = 3;
    public static final int MAX_EFFORT = 3;
    /**
     * The default entropy coder, chosen by measurement (huvr eval on the 24 evaluation photos, the shipped huvr-s,
     * qualities 1-6, docs/rd/README.md): mean bpp with rANS 0.105 / 0.166 / 0.246 / 0.454 / 0.737 / 1.040, with
     * Zstandard 0.322 / 0.471 / 0.632 / 1.057 / 1.568 / 2.146, so Zstandard spends 2.1-3.1 times the bits.
     */
    public static final EntropyCoder DEFAULT_CODER = EntropyCoder.RANS;

    public EncodeOptions {
        if (quality < 1) {
            throw new IllegalArgumentException("quality must be at least 1, got " + quality);
        }
        if (effort < 0 || effort > MAX_EFFORT) {
            throw new IllegalArgumentException("effort must be 0.." + MAX_EFFORT + ", got " + effort);
        }
        if (coder != EntropyCoder.RANS && coder != EntropyCoder.ZSTD) {
            throw new IllegalArgumentException("unknown entropy coder " + coder);
        }
    }

    /**
     * The quality a request means: the one it names, else, under a byte budget (rate control), the model's highest,
     * which the budget then lowers, else {@link #DEFAULT_QUALITY}.
     *
     * @param requested       the quality asked for, or null
     * @param operatingPoints the model's number of operating points
     */
    public static int requestedQuality(Integer requested, boolean withBudget, int operatingPoints) {
        return requested != null ? requested : withBudget ? operatingPoints : DEFAULT_QUALITY;
    }

    public static EncodeOptions defaults() {
        return new EncodeOptions(DEFAULT_QUALITY, 0, DEFAULT_CODER);
    }

    public EncodeOptions withQuality(int q) {
        return new EncodeOptions(q, effort, coder);
    }

    public EncodeOptions withEffort(int e) {
        return new EncodeOptions(quality, e, coder);
    }
}
