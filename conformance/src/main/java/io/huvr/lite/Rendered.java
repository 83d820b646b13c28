package io.huvr.lite;

/**
 * A decoded image before rounding: {@code rgb} holds the network's output values (nominally in
 * [-1, 1], not clipped), row-major and channel-interleaved R, G, B.
 */
public record Rendered(int width, int height, float[] rgb) {
    public Rendered {
        if ((long) width * height * 3 != rgb.length) {
            throw new IllegalArgumentException(width + "x" + height + " RGB needs " + (long) width * height * 3
                    + " values, got " + rgb.length);
        }
    }

    /** Value {@code channel} (0 R, 1 G, 2 B) of pixel (x, y). */
    public float value(int x, int y, int channel) {
        return rgb[(y * width + x) * 3 + channel];
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
