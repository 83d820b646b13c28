package io.huvr.codec.image;

/**
 * Resizes 8-bit sample planes, each axis on its own: area averaging where the axis shrinks (every source
 * pixel counts by how much of it an output pixel covers), bicubic (Keys, a = -0.5) where it grows.
 *
 * <p>The source may be only partly used: {@code extentWidth x extentHeight} (possibly fractional) source
 * pixels from the top-left are mapped onto the whole output, so a canvas rendered at a scale that does not
 * divide the image exactly is resized without shifting it.
 */
public final class Resampler {
    private static final double CUBIC_A = -0.5;

    private Resampler() {
    }

    /** Packed {@code 0xRRGGBB} pixels, each channel resized. */
    public static int[] resizeRgb(int[] rgb, int width, int height, double extentWidth, double extentHeight,
                                  int outWidth, int outHeight) {
        Axis columns = new Axis(width, extentWidth, outWidth);
        Axis rows = new Axis(height, extentHeight, outHeight);
        int[] out = new int[outWidth * outHeight];
        for (int shift = 0; shift <= 16; shift += 8) {
            float[] plane = new float[rgb.length];
            for (int i = 0; i < plane.length; i++) {
                plane[i] = rgb[i] >> shift & 0xFF;
            }
            float[] resized = resize(plane, width, columns, rows);
            for (int i = 0; i < out.length; i++) {
                out[i] |= toSample(resized[i]) << shift;
            }
        }
        return out;
    }

    /** One byte per sample, the whole source mapped onto the output. */
    public static byte[] resizeBytes(byte[] samples, int width, int height, int outWidth, int outHeight) {
        float[] plane = new float[samples.length];
        for (int i = 0; i < plane.length; i++) {
            plane[i] = samples[i] & 0xFF;
        }
        float[] resized = resize(plane, width, new Axis(width, width, outWidth), new Axis(height, height, outHeight));
        byte[] out = new byte[resized.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) toSample(resized[i]);
        }
        return out;
    }

    /** Rows first (to {@code columns.out} wide), then columns. */
    private static float[] resize(float[] plane, int width, Axis columns, Axis rows) {
        int height = plane.length / width;
        float[] wide = new float[height * columns.out];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < columns.out; x++) {
                wide[y * columns.out + x] = columns.filter(plane, y * width, 1, x);
            }
        }
        float[] out = new float[rows.out * columns.out];
        for (int y = 0; y < rows.out; y++) {
            for (int x = 0; x < columns.out; x++) {
                out[y * columns.out + x] = rows.filter(wide, x, columns.out, y);
            }
        }
        return out;
    }

    private static int toSample(float v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }

    /** One axis's filter: for each output position, the source indices it reads and their weights (summing to 1). */
    private static final class Axis {
        final int out;
        final int[][] indices;
        final float[][] weights;

        Axis(int size, double extent, int out) {
            this.out = out;
            this.indices = new int[out][];
            this.weights = new float[out][];
            double scale = extent / out;
            int last = Math.min(size, (int) Math.ceil(extent)) - 1;
            for (int i = 0; i < out; i++) {
                if (scale > 1) {
                    area(i, i * scale, (i + 1) * scale, last);
                } else {
                    cubic(i, (i + 0.5) * scale - 0.5, last);
                }
            }
        }

        /** Source pixels overlapping {@code [from, to)}, weighted by the overlap. */
        private void area(int i, double from, double to, int last) {
            int first = (int) Math.floor(from);
            int end = Math.min(last + 1, (int) Math.ceil(to));
            indices[i] = new int[end - first];
            weights[i] = new float[end - first];
            for (int j = first; j < end; j++) {
                double overlap = Math.min(to, j + 1) - Math.max(from, j);
                indices[i][j - first] = j;
                weights[i][j - first] = (float) overlap;
            }
            normalise(weights[i]);
        }

        /** Four source pixels around {@code centre}, clamped at the edges. */
        private void cubic(int i, double centre, int last) {
            int base = (int) Math.floor(centre) - 1;
            indices[i] = new int[4];
            weights[i] = new float[4];
            for (int k = 0; k < 4; k++) {
                indices[i][k] = Math.max(0, Math.min(last, base + k));
                weights[i][k] = (float) keys(centre - (base + k));
            }
            normalise(weights[i]);
        }

        float filter(float[] plane, int offset, int stride, int i) {
            float sum = 0;
            for (int k = 0; k < indices[i].length; k++) {
                sum += weights[i][k] * plane[offset + indices[i][k] * stride];
            }
            return sum;
        }

        private static void normalise(float[] w) {
            float sum = 0;
            for (float v : w) {
                sum += v;
            }
            for (int k = 0; k < w.length; k++) {
                w[k] /= sum;
            }
        }

        private static double keys(double distance) {
            double d = Math.abs(distance);
            if (d < 1) {
                return ((CUBIC_A + 2) * d - (CUBIC_A + 3)) * d * d + 1;
            }
            return d < 2 ? ((CUBIC_A * d - 5 * CUBIC_A) * d + 8 * CUBIC_A) * d - 4 * CUBIC_A : 0;
        }
    }
}
