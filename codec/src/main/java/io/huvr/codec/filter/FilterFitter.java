package io.huvr.codec.filter;

import io.huvr.codec.image.Images;
import io.huvr.format.ReconstructionFilters;
import io.huvr.format.proto.ReconstructionFilter;

/**
 * Fits an image's reconstruction filter by least squares: the taps that bring the decoded samples closest to
 * the source in squared error, from the normal equations accumulated tile by tile (so memory does not grow with
 * the image), then rounded; any radius up to {@value #RADIUS} and any precision from the same statistics.
 */
public final class FilterFitter {
    /** The largest window, 5 x 5: the statistics are gathered for it. */
    public static final int RADIUS = 2;
    /** Ridge added to the normal equations' diagonal, relative to its mean: keeps flat images solvable. */
    private static final double RIDGE = 1e-9;

    private final TileFilter shape = TileFilter.shape(RADIUS);
    private final int n = ReconstructionFilters.tapsPerOutput(RADIUS);
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
     * The least-squares filter of {@code radius} (at most {@link #RADIUS}) over everything added, its taps rounded to
     * {@code fractionBits}, with the squared error of the samples it was fitted on before and after it (predicted from
     * the normal equations, before the decoder's rounding). Every radius and precision comes from the same
     * statistics: a smaller window's features are a subset of the larger one's.
     */
    public Fit fit(int radius, int fractionBits) {
        int[] index = featureIndices(radius);
        int m = index.length;
        double[] g = new double[m * m];
        double trace = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                int lo = Math.min(index[i], index[j]);
                int hi = Math.max(index[i], index[j]);
                g[i * m + j] = gram[lo * n + hi];
            }
            trace += g[i * m + i];
        }
        double[] a = g.clone();
        for (int i = 0; i < m; i++) {
            a[i * m + i] += RIDGE * trace / m + Double.MIN_NORMAL;
        }
        ReconstructionFilter.Builder filter = ReconstructionFilter.newBuilder().setRadius(radius).setFractionBits(fractionBits);
        double after = squaredError;
        double scale = Math.scalb(1.0, fractionBits);
        for (int c = 0; c < TileFilter.CHANNELS; c++) {
            double[] b = new double[m];
            for (int i = 0; i < m; i++) {
                b[i] = cross[c * n + index[i]];
            }
            double[] w = solve(a.clone(), b.clone());
            double[] rounded = new double[m];
            for (int i = 0; i < m; i++) {
                long tap = Math.round(w[i] * scale);
                tap = Math.max(-ReconstructionFilters.MAX_TAP_MAGNITUDE, Math.min(ReconstructionFilters.MAX_TAP_MAGNITUDE, tap));
                filter.addTaps((int) tap);
                rounded[i] = tap / scale;
            }
            after += quadratic(g, rounded) - 2 * dot(rounded, b);
        }
        return new Fit(filter.build(), squaredError, Math.max(0, after));
    }

    /** Where a radius's features (its half window's offsets in order, three channels each, then the bias) lie among the accumulated ones. */
    private int[] featureIndices(int radius) {
        if (radius < 1 || radius > RADIUS) {
            throw new IllegalArgumentException("radius must be 1.." + RADIUS + ", got " + radius);
        }
        int side = 2 * radius + 1;
        int offsets = ReconstructionFilters.offsets(radius);
        int[] index = new int[TileFilter.CHANNELS * offsets + 1];
        for (int j = 0; j < offsets; j++) {
            int accumulated = (j / side - radius + RADIUS) * (2 * RADIUS + 1) + j % side - radius + RADIUS;
            for (int c = 0; c < TileFilter.CHANNELS; c++) {
                index[TileFilter.CHANNELS * j + c] = TileFilter.CHANNELS * accumulated + c;
            }
        }
        index[index.length - 1] = n - 1;
        return index;
    }

    /** {@code w^T g w}. */
    private static double quadratic(double[] g, double[] w) {
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < w.length; j++) {
                sum += g[i * w.length + j] * w[i] * w[j];
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
