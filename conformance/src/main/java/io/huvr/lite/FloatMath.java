package io.huvr.lite;

import java.util.Arrays;

/** The dense float32 kernels of the decoder, on flat row-major arrays. */
final class FloatMath {
    private FloatMath() {
    }

    /**
     * {@code out[rows, cols] = a[rows, inner] w[inner, cols] + bias} (bias may be null). The i-k-j
     * loop order streams rows of {@code w} and {@code out}, which keeps the inner loop vectorisable.
     */
    static void linear(float[] a, int rows, int inner, float[] w, int cols, float[] bias, float[] out) {
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            if (bias == null) {
                Arrays.fill(out, o, o + cols, 0f);
            } else {
                System.arraycopy(bias, 0, out, o, cols);
            }
            for (int k = 0; k < inner; k++) {
                float x = a[i * inner + k];
                if (x == 0f) {
                    continue;
                }
                int wk = k * cols;
                for (int j = 0; j < cols; j++) {
                    out[o + j] += x * w[wk + j];
                }
            }
        }
    }

    /**
     * LayerNorm of each row over its {@code width} values as ND4J computes it: biased variance and no
     * epsilon; a row of equal values normalises to zeros (then gain and bias apply).
     */
    static void layerNorm(float[] x, int rows, int width, float[] gain, float[] bias, float[] out) {
        for (int i = 0; i < rows; i++) {
            int o = i * width;
            double mean = 0;
            for (int j = 0; j < width; j++) {
                mean += x[o + j];
            }
            mean /= width;
            double variance = 0;
            for (int j = 0; j < width; j++) {
                double d = x[o + j] - mean;
                variance += d * d;
            }
            variance /= width;
            float inverse = variance == 0 ? 0f : (float) (1 / Math.sqrt(variance));
            for (int j = 0; j < width; j++) {
                out[o + j] = (float) (x[o + j] - mean) * inverse * gain[j] + bias[j];
            }
        }
    }

    /** The sigmoid form of GELU that ND4J computes: {@code x sigmoid(1.702 x)}. */
    static void gelu(float[] x, int length) {
        for (int i = 0; i < length; i++) {
            float v = x[i];
            x[i] = (float) (v / (1 + Math.exp(-1.702 * v)));
        }
    }

    static void relu(float[] x, int length) {
        for (int i = 0; i < length; i++) {
            if (x[i] < 0f) {
                x[i] = 0f;
            }
        }
    }

    /** Divides each column of {@code w[rows, cols]} by its L2 norm (plus 1e-6 under the root), in place. */
    static float[] normaliseColumns(float[] w, int rows, int cols) {
        for (int j = 0; j < cols; j++) {
            double sum = 0;
            for (int i = 0; i < rows; i++) {
                sum += (double) w[i * cols + j] * w[i * cols + j];
            }
            float norm = (float) Math.sqrt(sum + 1e-6);
            for (int i = 0; i < rows; i++) {
                w[i * cols + j] /= norm;
            }
        }
        return w;
    }
}
