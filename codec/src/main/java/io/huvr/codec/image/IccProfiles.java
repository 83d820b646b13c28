package io.huvr.codec.image;

import io.huvr.format.Limits;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Which ICC profiles the codec carries through (SPEC.md, {@code icc_profile}): an RGB or grey profile that
 * is not sRGB in effect, at most {@link Limits#MAX_ICC_PROFILE_BYTES}. Such images are coded as their samples
 * lie and decoded with the profile attached; any other colour space (CMYK, an oversized RGB profile) is
 * converted to sRGB before coding. (Grey samples in an oversized grey profile are coded as they are, as sRGB grey.)
 */
final class IccProfiles {
    static final byte[] NONE = new byte[0];
    /** A colour space whose test colours all land within this of themselves in sRGB (0..1 units) is sRGB. */
    private static final float SRGB_TOLERANCE = 1.5f / 255;
    /** Greys and saturated colours: a different tone curve shows on the greys, other primaries on the rest. */
    private static final float[][] TEST_COLOURS = {
            {0.1f, 0.1f, 0.1f}, {0.5f, 0.5f, 0.5f}, {0.9f, 0.9f, 0.9f},
            {0.8f, 0.1f, 0.1f}, {0.1f, 0.8f, 0.1f}, {0.1f, 0.1f, 0.8f}, {0.8f, 0.8f, 0.1f}, {0.1f, 0.8f, 0.8f}};
    /** Bounds the inflation of a PNG's compressed profile, so a small iCCP chunk cannot expand without end. */
    private static final int MAX_INFLATED_BYTES = 8 * Limits.MAX_ICC_PROFILE_BYTES;

    private IccProfiles() {
    }

    /**
     * The profile bytes to store for samples in this colour space, or {@link #NONE} when the samples are (or
     * are to be converted to) sRGB. Java's built-in grey space is not carried: JDK readers label gamma-encoded
     * grey with it, and the codec treats such grey as sRGB grey.
     */
    static byte[] carried(ColorSpace space) {
        if (!(space instanceof ICC_ColorSpace icc) || space.isCS_sRGB() || space == ColorSpace.getInstance(ColorSpace.CS_GRAY)
                || (space.getType() != ColorSpace.TYPE_RGB && space.getType() != ColorSpace.TYPE_GRAY)) {
            return NONE;
        }
        byte[] data = space instanceof StoredProfileSpace stored ? stored.bytes.clone() : icc.getProfile().getData();
        return data.length > Limits.MAX_ICC_PROFILE_BYTES || isSrgbInEffect(space) ? NONE : data;
    }

    /**
     * The colour space of a stored profile for an image of the given {@link ColorSpace} type (RGB or grey),
     * or null when there is none or it cannot be used: not a valid ICC profile, or of another colour space
     * type. The pixels do not depend on the profile, so an unusable one is left off rather than failing.
     */
    static ColorSpace colorSpace(byte[] profile, int type) {
        if (profile.length == 0) {
            return null;
        }
        try {
            ICC_ColorSpace space = new StoredProfileSpace(profile);
            return space.getType() == type ? space : null;
        } catch (IllegalArgumentException unusable) {
            return null;
        }
    }

    /** A PNG iCCP chunk's zlib-compressed profile, inflated, or null when it is corrupt or implausibly large. */
    static byte[] inflate(byte[] compressed) {
        Inflater inflater = new Inflater();
        inflater.setInput(compressed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return null;
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_INFLATED_BYTES) {
                    return null;
                }
            }
            return out.toByteArray();
        } catch (DataFormatException corrupt) {
            return null;
        } finally {
            inflater.end();
        }
    }

    /** The zlib compression a PNG iCCP chunk holds. */
    static byte[] deflate(byte[] profile) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(profile);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    /** Whether the space maps its test colours (greys for a grey space) onto themselves in sRGB. */
    static boolean isSrgbInEffect(ColorSpace space) {
        boolean grey = space.getNumComponents() == 1;
        for (float[] colour : TEST_COLOURS) {
            float[] srgb = space.toRGB(grey ? new float[] {colour[0]} : colour);
            for (int c = 0; c < 3; c++) {
                if (Math.abs(srgb[c] - colour[grey ? 0 : c]) > SRGB_TOLERANCE) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * A colour space that keeps its profile's bytes as they were stored: Java's copy of a profile comes back
     * from its colour engine with other CMM, platform and creator fields.
     */
    private static final class StoredProfileSpace extends ICC_ColorSpace {
        private final byte[] bytes;

        StoredProfileSpace(byte[] bytes) {
            super(ICC_Profile.getInstance(bytes));
            this.bytes = bytes.clone();
        }
    }
}
