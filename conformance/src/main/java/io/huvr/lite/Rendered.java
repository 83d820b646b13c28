package io.huvr.lite;

import io.huvr.format.proto.ColorModel;

/**
 * A decoded image before rounding: {@code rgb} holds the network's output values (nominally in
 * [-1, 1], not clipped), row-major and channel-interleaved R, G, B; the header's colour model says
 * how they become the image (MODEL.md, "Colour models and bit depth"), and images with alpha carry
 * their lossless alpha samples.
 *
 * @param alpha one 8-bit alpha sample per pixel, row-major, or null when the colour model has none
 */
public record Rendered(int width, int height, float[] rgb, ColorModel colorModel, byte[] alpha) {
    public Rendered {
        if ((long) width * height * 3 != rgb.length) {
            throw new IllegalArgumentException(width + "x" + height + " RGB needs " + (long) width * height * 3
                    + " values, got " + rgb.length);
        }
        if (hasAlpha(colorModel) != (alpha != null) || alpha != null && alpha.length != width * height) {
            throw new IllegalArgumentException("alpha does not match a " + width + "x" + height + " " + colorModel
                    + " image");
        }
    }

    /** An RGB image. */
    public Rendered(int width, int height, float[] rgb) {
        this(width, height, rgb, ColorModel.RGB, null);
    }

    static boolean hasAlpha(ColorModel colorModel) {
        return colorModel == ColorModel.RGBA || colorModel == ColorModel.GREY_ALPHA;
    }

    public boolean isGrey() {
        return colorModel == ColorModel.GREY || colorModel == ColorModel.GREY_ALPHA;
    }

    /** Value {@code channel} (0 R, 1 G, 2 B) of pixel (x, y). */
    public float value(int x, int y, int channel) {
        return rgb[(y * width + x) * 3 + channel];
    }

    /** The alpha sample of pixel (x, y), 0..255; only for colour models with alpha. */
    public int alpha(int x, int y) {
        return alpha[y * width + x] & 0xFF;
    }

    /**
     * MODEL.md: the grey sample of pixel (x, y) is the BT.601 luma of its rounded RGB samples,
     * {@code floor(0.299 R + 0.587 G + 0.114 B + 0.5)}.
     */
    public int grey8(int x, int y) {
        return (int) Math.floor(0.299 * toSample8(value(x, y, 0)) + 0.587 * toSample8(value(x, y, 1))
                + 0.114 * toSample8(value(x, y, 2)) + 0.5);
    }

    /** MODEL.md step 8: {@code round((v + 1) 127.5)} clipped to 0..255. */
    public static int toSample8(float value) {
        int v = Math.round((value + 1f) * 127.5f);
        return v < 0 ? 0 : Math.min(255, v);
    }

    /** The same on the 16-bit scale: {@code round((v + 1) 32767.5)} clipped to 0..65535. */
    public static int toSample16(float value) {
        long v = Math.round((value + 1.0) * 32767.5);
        return (int) (v < 0 ? 0 : Math.min(65535, v));
    }
}
