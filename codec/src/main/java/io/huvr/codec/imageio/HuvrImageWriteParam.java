package io.huvr.codec.imageio;

import io.huvr.codec.EncodeOptions;

import javax.imageio.ImageWriteParam;
import java.util.Locale;

/**
 * Encoder settings for the {@code .huvr} ImageIO writer.
 *
 * <p>Compression quality (mode {@link #MODE_EXPLICIT}) picks the model's operating point: quality
 * {@code q} in [0, 1] maps to operating point {@code 1 + round(q (points - 1))}, so 0 is the smallest file
 * and 1 the best the model offers. In any other mode the writer uses {@link EncodeOptions#DEFAULT_QUALITY}.
 * The effort (0..{@value EncodeOptions#MAX_EFFORT}) trades encoding time for quality at the same format.
 */
public final class HuvrImageWriteParam extends ImageWriteParam {
    private int effort;

    public HuvrImageWriteParam(Locale locale) {
        super(locale);
        canWriteCompressed = true;
        compressionMode = MODE_COPY_FROM_METADATA;
    }

    public int getEffort() {
        return effort;
    }

    /** Encoder effort 0 (one encoder pass) .. {@value EncodeOptions#MAX_EFFORT} (most refinement). */
    public void setEffort(int effort) {
        if (effort < 0 || effort > EncodeOptions.MAX_EFFORT) {
            throw new IllegalArgumentException("effort must be 0.." + EncodeOptions.MAX_EFFORT + ", got " + effort);
        }
        this.effort = effort;
    }

    /** The operating point (1-based) any write param (null for defaults) selects among a model's {@code points}. */
    static int quality(ImageWriteParam param, int points) {
        if (param == null || !param.canWriteCompressed() || param.getCompressionMode() != MODE_EXPLICIT) {
            return Math.min(EncodeOptions.DEFAULT_QUALITY, points);
        }
        return 1 + Math.round(param.getCompressionQuality() * (points - 1));
    }
}
