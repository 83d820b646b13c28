package io.huvr.conformance;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/**
 * Per-channel error of a decoded image against a reference, both PNGs of 8 or 16 bits in the same colour
 * model (RGB, grey, either with alpha), in 8-bit units. Colour channels are measured against the tolerance;
 * alpha, which the format codes losslessly, must match exactly.
 *
 * @param rmse            root-mean-square error of each colour channel (R, G, B, or the grey one)
 * @param peak            largest absolute error of each colour channel
 * @param errors          the largest colour channel error of each pixel, row-major (for the heat map)
 * @param alphaMismatches pixels whose alpha differs from the reference's (0 without alpha)
 */
public record ImageComparison(double[] rmse, double[] peak, float[] errors, long alphaMismatches) {
    private static final String[] RGB_CHANNELS = {"R", "G", "B"};

    /**
     * Compares two images of equal size.
     *
     * @throws IllegalArgumentException when the sizes, the colour channels or the presence of alpha differ,
     *                                  or a bit depth is not 8 or 16
     */
    public static ImageComparison compare(BufferedImage output, BufferedImage reference) {
        int width = reference.getWidth();
        int height = reference.getHeight();
        if (output.getWidth() != width || output.getHeight() != height) {
            throw new IllegalArgumentException("sizes differ");
        }
        int colours = colourChannels(reference);
        boolean hasAlpha = reference.getColorModel().hasAlpha();
        if (colourChannels(output) != colours || output.getColorModel().hasAlpha() != hasAlpha) {
            throw new IllegalArgumentException("it has " + describe(output) + ", the reference " + describe(reference));
        }
        Raster out = output.getRaster();
        Raster ref = reference.getRaster();
        double outScale = unitsPerSample(output);
        double refScale = unitsPerSample(reference);
        double[] sumSquares = new double[colours];
        double[] peak = new double[colours];
        float[] errors = new float[width * height];
        long alphaMismatches = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float worst = 0;
                for (int c = 0; c < colours; c++) {
                    double error = Math.abs(out.getSample(x, y, c) * outScale - ref.getSample(x, y, c) * refScale);
                    sumSquares[c] += error * error;
                    peak[c] = Math.max(peak[c], error);
                    worst = Math.max(worst, (float) error);
                }
                errors[y * width + x] = worst;
                if (hasAlpha && Math.round(out.getSample(x, y, colours) * outScale)
                        != Math.round(ref.getSample(x, y, colours) * refScale)) {
                    alphaMismatches++;
                }
            }
        }
        double[] rmse = new double[colours];
        for (int c = 0; c < colours; c++) {
            rmse[c] = Math.sqrt(sumSquares[c] / ((double) width * height));
        }
        return new ImageComparison(rmse, peak, errors, alphaMismatches);
    }

    /** 8-bit units per stored sample: 1 for 8-bit images, 1/257 for 16-bit ones (65535 / 255 = 257). */
    static double unitsPerSample(BufferedImage image) {
        int bits = image.getColorModel().getComponentSize(0);
        return switch (bits) {
            case 8 -> 1.0;
            case 16 -> 1.0 / 257;
            default -> throw new IllegalArgumentException(bits + "-bit samples; the suite reads 8 or 16");
        };
    }

    /** 1 for grey, 3 for RGB; anything else is not an image the suite compares. */
    static int colourChannels(BufferedImage image) {
        int colours = image.getColorModel().getNumColorComponents();
        if (colours != 1 && colours != 3) {
            throw new IllegalArgumentException("not an RGB or grey image: " + colours + " colour channels");
        }
        return colours;
    }

    private static String describe(BufferedImage image) {
        return (colourChannels(image) == 1 ? "grey" : "RGB") + (image.getColorModel().hasAlpha() ? " with alpha" : "");
    }

    public double maxRmse() {
        return max(rmse);
    }

    public double maxPeak() {
        return max(peak);
    }

    /** Null when within the tolerance, else the first broken bound with its channel; then alpha. */
    public String violation(Tolerance tolerance) {
        for (int c = 0; c < peak.length; c++) {
            if (peak[c] > tolerance.maxPeak()) {
                return String.format("peak error %.3f in channel %s exceeds %.3f", peak[c], channel(c),
                        tolerance.maxPeak());
            }
        }
        for (int c = 0; c < rmse.length; c++) {
            if (rmse[c] > tolerance.maxRmse()) {
                return String.format("RMSE %.3f in channel %s exceeds %.3f", rmse[c], channel(c), tolerance.maxRmse());
            }
        }
        return alphaMismatches == 0 ? null
                : "alpha differs from the reference in " + alphaMismatches + " pixels (the ALPH chunk is lossless)";
    }

    private String channel(int c) {
        return peak.length == 1 ? "grey" : RGB_CHANNELS[c];
    }

    private static double max(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        return max;
    }
}
