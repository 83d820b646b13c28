package io.huvr.codec.filter;

import io.huvr.codec.image.Images;
import io.huvr.format.ReconstructionFilters;
import io.huvr.format.proto.ReconstructionFilter;

/**
 * Fits an image's reconstruction filter by least squares: the taps that bring the decoded samples closest to
 * the source in squared error, from the normal equations accumulated tile by tile (so memory does not grow with
 * the image), then rounded to {@value #FRACTION_BITS} fraction bits.
 */
public final class FilterFitter {
    /** A 5 x 5 window: on training photos it gained 0.1-0.2 dB more than 3 x 3 for 72 more taps. */
    public static final int RADIUS = 2;
    /** Tap precision: 9 bits lost up to 0.1 dB of the gain, 11 and 12 gained under 0.03 dB for more bytes. */
    public static final int FRACTION_BITS = 10;
    /** Ridge added to the normal equations' diagonal, relative to its mean: keeps flat images solvable. */
    private static final double RIDGE = 1e-9;

    private final TileFilter shape = TileFilter.shape(RADIUS);
    private final int n = TileFilter.featureCount(RADIUS);
    /** Upper triangle of the features' Gram matrix, {@code [n][n]}. */
    private final double[] gram = new double[n * n];
    /** Features times error, {@code [channel][n]}. */
    private final double[] cross = new double[TileFilter.CHANNELS * n];
    private double squaredError;

    /**
     * Adds one tile: the rectangle {@code [x0, x0 + width) x [y0, y0 + height)} of decoded planes laid out as
     * {@link TileFilter#apply} reads them, against the source pixels {@code source} (packed {@code 0xRRGGBB},
     * {@code sourceWidth} per row) whose pixel {@code (sourceX, sourceY)} is the rectangle's first.
     */
    public void add(float[] planes, int offset, int planeSize, int stride, int x0, int y0, int width, int height,
                    int[] source, int sourceWidth, int sourceX, int sourceY) {
        TileFilter.Window window = new TileFilter.Window(shape, planes, offset, planeSize, stride, x0, y0, width, height);
        float[] features = new float[n];
        double[] error = new double[TileFilter.CHANNELS];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                window.features(x, y, features);
                int rgb = source[(sourceY + y) * sourceWidth + sourceX + x];
                for (int c = 0; c < TileFilter.CHANNELS; c++) {
                    float decoded = planes[offset + c * planeSize + (y0 + y) * stride + x0 + x];
                    error[c] = Images.toModel(rgb >> (16 - 8 * c) & 0xFF) - decoded;
                    squaredError += error[c] * error[c];
                }
                for (int i = 0; i < n; i++) {
                    double fi = features[i];
                    int row = i * n;
                    for (int j = i; j < n; j++) {
                        gram[row + j] += fi * features[j];
                    }
                    for (int c = 0; c < TileFilter.CHANNELS; c++) {
                        cross[c * n + i] += fi * error[c];
                    }
                }
            }
        }
    }

    /**
     * The least-squares filter over everything added, with its taps rounded, and the squared error of the samples
     * it was fitted on before and after it (predicted from the normal equations, before the decoder's rounding).
     */
    public Fit fit() {
        double[] a = new double[n * n];
        double trace = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                a[i * n + j] = gram[i * n + j];
                a[j * n + i] = gram[i * n + j];
            }
            trace += gram[i * n + i];
        }
        for (int i = 0; i < n; i++) {
            a[i * n + i] += RIDGE * trace / n + Double.MIN_NORMAL;
        }
        ReconstructionFilter.Builder filter = ReconstructionFilter.newBuilder().setRadius(RADIUS).setFractionBits(FRACTION_BITS);
        double after = squaredError;
        double scale = Math.scalb(1.0, FRACTION_BITS);
        for (int c = 0; c < TileFilter.CHANNELS; c++) {
            double[] b = new double[n];
            System.arraycopy(cross, c * n, b, 0, n);
            double[] w = solve(a.clone(), b.clone());
            double[] rounded = new double[n];
            for (int i = 0; i < n; i++) {
                long tap = Math.round(w[i] * scale);
                tap = Math.max(-ReconstructionFilters.MAX_TAP_MAGNITUDE, Math.min(ReconstructionFilters.MAX_TAP_MAGNITUDE, tap));
                filter.addTaps((int) tap);
                rounded[i] = tap / scale;
            }
            after += quadratic(rounded) - 2 * dot(rounded, b);
        }
        return new Fit(filter.build(), squaredError, Math.max(0, after));
    }

    /** {@code w^T G w} with the accumulated Gram matrix (no ridge). */
    private double quadratic(double[] w) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += gram[i * n + i] * w[i] * w[i];
            for (int j = i + 1; j < n; j++) {
                sum += 2 * gram[i * n + j] * w[i] * w[j];
            }
        }
        return sum;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** Solves {@code a x = b} ({@code a} symmetric positive definite, overwritten) by Cholesky factorisation. */
    private static double[] solve(double[] a, double[] b) {
        int n = b.length;
        for (int j = 0; j < n; j++) {
            double d = a[j * n + j];
            for (int k = 0; k < j; k++) {
                d -= a[j * n + k] * a[j * n + k];
            }
            d = Math.sqrt(Math.max(d, Double.MIN_NORMAL));
            a[j * n + j] = d;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= a[i * n + k] * a[j * n + k];
                }
                a[i * n + j] = s / d;
            }
        }
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= a[i * n + k] * b[k];
            }
            b[i] = s / a[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            for (int k = i + 1; k < n; k++) {
                s -= a[k * n + i] * b[k];
            }
            b[i] = s / a[i * n + i];
        }
        return b;
    }

    /**
     * A fitted filter.
     *
     * @param filter the filter, taps rounded
     * @param before the summed squared error of the fitted samples without it, in the model's units
     * @param after  the same with it (predicted)
     */
    public record Fit(ReconstructionFilter filter, double before, double after) {
        /** The PSNR it gains, in dB. */
        public double gainDb() {
            return after <= 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(before / after);
        }
    }
}
