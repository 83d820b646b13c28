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
     * The default entropy coder, chosen by measurement (huvr eval on the 24 evaluation photos, huvr-s,
     * qualities 1-4): mean bpp with rANS 0.177 / 0.292 / 0.433 / 0.622, with Zstandard 0.212 / 0.301 /
     * 0.416 / 0.605. rANS wins clearly at low rates and Zstandard by 3-4% at the higher ones (its matches
     * find repeated neighbouring tokens that the factorized density cannot see).
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

    public static EncodeOptions defaults() {
        return new EncodeOptions(DEFAULT_QUALITY, 0, DEFAULT_CODER);
    }

    public EncodeOptions withQuality(int q) {
        return new EncodeOptions(q, effort, coder);
    }
}
