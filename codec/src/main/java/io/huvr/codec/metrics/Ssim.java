package io.huvr.codec.metrics;

import java.util.Arrays;

/**
 * SSIM of one plane pair (Wang et al. 2004): an 11x11 Gaussian window with sigma 1.5, applied
 * separably over the "valid" region only (no padding), K1 = 0.01, K2 = 0.03, data range 255.
 */
final class Ssim {

    /** Side of the square Gaussian window. */
    static final int WINDOW = 11;

    private static final double SIGMA = 1.5;
    private static final double DATA_RANGE = 255.0;
    private static final double C1 = (0.01 * DATA_RANGE) * (0.01 * DATA_RANGE);
    private static final double C2 = (0.03 * DATA_RANGE) * (0.03 * DATA_RANGE);
    private static final double[] GAUSSIAN = gaussianWeights();

    /** Moments filtered at once: mean of a, mean of b, then the means of a², b² and ab. */
    private static final int MOMENTS = 5;

    /**
     * Mean SSIM and mean contrast-structure term over the valid windows of one plane pair.
     * Both are NaN when a side is shorter than the window (no valid position).
     */
    record Score(double ssim, double contrastStructure) {
    }

    private Ssim() {
    }

    static Score score(double[] a, double[] b, int width, int height) {
        int outWidth = width - WINDOW + 1;
        int outHeight = height - WINDOW + 1;
        if (outWidth <= 0 || outHeight <= 0) {
            return new Score(Double.NaN, Double.NaN);
        }
        double[][] rows = filterRows(a, b, width, height, outWidth);
        double[][] window = new double[MOMENTS][outWidth];
        double ssimSum = 0;
        double contrastStructureSum = 0;
        for (int y = 0; y < outHeight; y++) {
            filterColumns(rows, y, outWidth, window);
            for (int x = 0; x < outWidth; x++) {
                double meanA = window[0][x];
                double meanB = window[1][x];
                double varianceA = window[2][x] - meanA * meanA;
                double varianceB = window[3][x] - meanB * meanB;
                double covariance = window[4][x] - meanA * meanB;
                double contrastStructure = (2 * covariance + C2) / (varianceA + varianceB + C2);
                double luminance = (2 * meanA * meanB + C1) / (meanA * meanA + meanB * meanB + C1);
                ssimSum += luminance * contrastStructure;
                contrastStructureSum += contrastStructure;
            }
        }
        double positions = (double) outWidth * outHeight;
        return new Score(ssimSum / positions, contrastStructureSum / positions);
    }

    /** Horizontal pass: the five moments filtered along each full row, valid columns only. */
    private static double[][] filterRows(double[] a, double[] b, int width, int height, int outWidth) {
        double[][] rows = new double[MOMENTS][height * outWidth];
        for (int y = 0; y < height; y++) {
            int in = y * width;
            int out = y * outWidth;
            for (int x = 0; x < outWidth; x++) {
                double sumA = 0;
                double sumB = 0;
                double sumAA = 0;
                double sumBB = 0;
                double sumAB = 0;
                for (int k = 0; k < WINDOW; k++) {
                    double weight = GAUSSIAN[k];
                    double valueA = a[in + x + k];
                    double valueB = b[in + x + k];
                    sumA += weight * valueA;
                    sumB += weight * valueB;
                    sumAA += weight * (valueA * valueA);
                    sumBB += weight * (valueB * valueB);
                    sumAB += weight * (valueA * valueB);
                }
                rows[0][out + x] = sumA;
                rows[1][out + x] = sumB;
                rows[2][out + x] = sumAA;
                rows[3][out + x] = sumBB;
                rows[4][out + x] = sumAB;
            }
        }
        return rows;
    }

    /** Vertical pass for output row y into {@code window}, walking whole rows to stay cache friendly. */
    private static void filterColumns(double[][] rows, int y, int outWidth, double[][] window) {
        for (int moment = 0; moment < MOMENTS; moment++) {
            double[] source = rows[moment];
            double[] target = window[moment];
            Arrays.fill(target, 0.0);
            for (int k = 0; k < WINDOW; k++) {
                double weight = GAUSSIAN[k];
                int row = (y + k) * outWidth;
                for (int x = 0; x < outWidth; x++) {
                    target[x] += weight * source[row + x];
                }
            }
        }
    }

    private static double[] gaussianWeights() {
        double[] weights = new double[WINDOW];
        double sum = 0;
        for (int k = 0; k < WINDOW; k++) {
            double offset = (k - WINDOW / 2) / SIGMA;
            weights[k] = Math.exp(-0.5 * offset * offset);
            sum += weights[k];
        }
        for (int k = 0; k < WINDOW; k++) {
            weights[k] /= sum;
        }
        return weights;
    }
}
