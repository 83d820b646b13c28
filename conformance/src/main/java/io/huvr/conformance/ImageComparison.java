package io.huvr.conformance;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/**
 * Per-channel error of a decoded image against a reference, both RGB PNGs of 8 or 16 bits, in
 * 8-bit units.
 *
 * @param rmse   root-mean-square error of R, G, B
 * @param peak   largest absolute error of R, G, B
 * @param errors the largest channel error of each pixel, row-major (for the heat map)
 */
public record ImageComparison(double[] rmse, double[] peak, float[] errors) {
    private static final String[] CHANNELS = {"R", "G", "B"};

    /** Compares two images of equal size; an image with fewer than 3 bands is an error. */
    public static ImageComparison compare(BufferedImage output, BufferedImage reference) {
        int width = reference.getWidth();
        int height = reference.getHeight();
        if (output.getWidth() != width || output.getHeight() != height) {
            throw new IllegalArgumentException("sizes differ");
        }
        Raster out = output.getRaster();
        Raster ref = reference.getRaster();
        double outScale = unitsPerSample(output);
        double refScale = unitsPerSample(reference);
        double[] sumSquares = new double[3];
        double[] peak = new double[3];
        float[] errors = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float worst = 0;
                for (int c = 0; c < 3; c++) {
                    double error = Math.abs(out.getSample(x, y, c) * outScale - ref.getSample(x, y, c) * refScale);
                    sumSquares[c] += error * error;
                    peak[c] = Math.max(peak[c], error);
                    worst = Math.max(worst, (float) error);
                }
                errors[y * width + x] = worst;
            }
        }
        double[] rmse = new double[3];
        for (int c = 0; c < 3; c++) {
            rmse[c] = Math.sqrt(sumSquares[c] / ((double) width * height));
        }
        return new ImageComparison(rmse, peak, errors);
    }

    /** 8-bit units per stored sample: 1 for 8-bit images, 1/257 for 16-bit ones (65535 / 255 = 257). */
    static double unitsPerSample(BufferedImage image) {
        if (image.getRaster().getNumBands() < 3) {
            throw new IllegalArgumentException("not an RGB image: " + image.getRaster().getNumBands() + " bands");
        }
        int bits = image.getColorModel().getComponentSize(0);
        return switch (bits) {
            case 8 -> 1.0;
            case 16 -> 1.0 / 257;
            default -> throw new IllegalArgumentException(bits + "-bit samples; the suite reads 8 or 16");
        };
    }

    public double maxRmse() {
        return Math.max(rmse[0], Math.max(rmse[1], rmse[2]));
    }

    public double maxPeak() {
        return Math.max(peak[0], Math.max(peak[1], peak[2]));
    }

    /** Null when within the tolerance, else the first broken bound with its channel. */
    public String violation(Tolerance tolerance) {
        for (int c = 0; c < 3; c++) {
            if (peak[c] > tolerance.maxPeak()) {
                return String.format("peak error %.3f in channel %s exceeds %.3f", peak[c], CHANNELS[c],
                        tolerance.maxPeak());
            }
        }
        for (int c = 0; c < 3; c++) {
            if (rmse[c] > tolerance.maxRmse()) {
                return String.format("RMSE %.3f in channel %s exceeds %.3f", rmse[c], CHANNELS[c], tolerance.maxRmse());
            }
        }
        return null;
    }
}
