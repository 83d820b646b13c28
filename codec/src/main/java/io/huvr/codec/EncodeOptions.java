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
     * The default entropy coder, chosen by measurement (huvr eval on the 24 evaluation photos, huvr-s at step
     * 9000 of its training, qualities 1-6, docs/rd/README.md): mean bpp with rANS 0.189 / 0.265 / 0.379 / 0.496 /
     * 0.687 / 0.951, with Zstandard 0.246 / 0.339 / 0.472 / 0.638 / 0.900 / 1.274, so rANS spends 23-34% fewer bits.
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
