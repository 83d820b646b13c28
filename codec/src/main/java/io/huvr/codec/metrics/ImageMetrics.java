package io.huvr.codec.metrics;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Full-reference quality metrics of 8-bit RGB images, defined exactly as the project's
 * rate-distortion anchors ({@code rd_anchors.py}) define them, so huvr's scores and those of
 * the classic codecs are comparable.
 *
 * <p>Images are passed as packed ARGB pixels, row-major, as {@link BufferedImage#getRGB(int, int,
 * int, int, int[], int, int)} returns them; alpha is ignored. Both images must have the same
 * size, otherwise the methods throw {@link IllegalArgumentException}.
 *
 * <p>SSIM follows Wang et al.'s reference code: an 11x11 Gaussian window (sigma 1.5) over the
 * valid region only, K1 = 0.01, K2 = 0.03, data range 255. An image with a side shorter than
 * {@value #MIN_SSIM_SIDE} px holds no window and its SSIM is NaN.
 */
public final class ImageMetrics {

    /** PSNR reported for identical images, where the true value is infinite. */
    public static final double PSNR_OF_IDENTICAL_IMAGES = 99.0;

    /** Shortest side, in pixels, for which SSIM is defined. */
    public static final int MIN_SSIM_SIDE = Ssim.WINDOW;

    private static final int MSSSIM_SCALES = 5;

    /** Wang, Simoncelli and Bovik (2003) weights of the MS-SSIM scales, finest first. */
    private static final double[] MSSSIM_WEIGHTS = {0.0448, 0.2856, 0.3001, 0.2363, 0.1333};

    /**
     * Shortest side, in pixels, for which MS-SSIM is defined: the coarsest scale (side / 16)
     * must still hold one SSIM window. (The reference script gates at 161 px but its result is
     * NaN up to 175 px, for this same reason.)
     */
    public static final int MIN_MSSSIM_SIDE = Ssim.WINDOW << (MSSSIM_SCALES - 1);

    private ImageMetrics() {
    }

    /**
     * PSNR in dB: {@code 10 log10(255² / MSE)} with the MSE over all R, G and B samples.
     *
     * @return the PSNR, or {@link #PSNR_OF_IDENTICAL_IMAGES} when the images are identical
     * @throws IllegalArgumentException if the arrays are empty or differ in length
     */
    public static double psnrRgb(int[] argbA, int[] argbB) {
        if (argbA.length != argbB.length || argbA.length == 0) {
            throw new IllegalArgumentException(
                    "images must be non-empty and equal in size: " + argbA.length + " vs " + argbB.length + " pixels");
        }
        long squaredErrorSum = 0;
        for (int i = 0; i < argbA.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                int difference = ((argbA[i] >> shift) & 0xFF) - ((argbB[i] >> shift) & 0xFF);
                squaredErrorSum += difference * difference;
            }
        }
        if (squaredErrorSum == 0) {
            return PSNR_OF_IDENTICAL_IMAGES;
        }
        double meanSquaredError = squaredErrorSum / (3.0 * argbA.length);
        return 10 * Math.log10(255.0 * 255.0 / meanSquaredError);
    }

    /**
     * SSIM of each of R, G and B, averaged.
     *
     * @return the mean SSIM, NaN if a side is shorter than {@value #MIN_SSIM_SIDE} px
     * @throws IllegalArgumentException if the arrays do not both hold {@code width * height} pixels
     */
    public static double ssimRgb(int[] argbA, int[] argbB, int width, int height) {
        return meanSsim(channelScores(planes(argbA, width, height), planes(argbB, width, height)));
    }

    /**
     * SSIM of BT.601 luma {@code 0.299 R + 0.587 G + 0.114 B}, kept unrounded.
     *
     * @return the SSIM, NaN if a side is shorter than {@value #MIN_SSIM_SIDE} px
     * @throws IllegalArgumentException if the arrays do not both hold {@code width * height} pixels
     */
    public static double ssimLuma(int[] argbA, int[] argbB, int width, int height) {
        return lumaSsim(planes(argbA, width, height), planes(argbB, width, height));
    }

    /**
     * Five-scale MS-SSIM of each of R, G and B, averaged. Between scales the image is cropped to
     * even sides and 2x2 blocks are averaged; the contrast-structure terms of scales 1 to 4 and
     * the SSIM of scale 5 are each clamped at 0 before being raised to their weights.
     *
     * @return the MS-SSIM, NaN if a side is shorter than {@value #MIN_MSSSIM_SIDE} px
     * @throws IllegalArgumentException if the arrays do not both hold {@code width * height} pixels
     */
    public static double msssimRgb(int[] argbA, int[] argbB, int width, int height) {
        RgbPlanes a = planes(argbA, width, height);
        RgbPlanes b = planes(argbB, width, height);
        return msssim(a, b, channelScores(a, b));
    }

    /**
     * All four metrics of packed ARGB images, sharing the work the SSIM variants have in common.
     *
     * @throws IllegalArgumentException if the arrays do not both hold {@code width * height} pixels
     */
    public static Metrics all(int[] argbA, int[] argbB, int width, int height) {
        RgbPlanes a = planes(argbA, width, height);
        RgbPlanes b = planes(argbB, width, height);
        Ssim.Score[] fullScale = channelScores(a, b);
        return new Metrics(psnrRgb(argbA, argbB), meanSsim(fullScale), lumaSsim(a, b), msssim(a, b, fullScale));
    }

    /**
     * All four metrics of two images, read through {@link BufferedImage#getRGB} (sRGB, 8 bits).
     *
     * @throws IllegalArgumentException if the images differ in size
     */
    public static Metrics all(BufferedImage a, BufferedImage b) {
        int width = a.getWidth();
        int height = a.getHeight();
        if (b.getWidth() != width || b.getHeight() != height) {
            throw new IllegalArgumentException(
                    "images differ in size: " + width + "x" + height + " vs " + b.getWidth() + "x" + b.getHeight());
        }
        return all(a.getRGB(0, 0, width, height, null, 0, width), b.getRGB(0, 0, width, height, null, 0, width),
                width, height);
    }

    private static RgbPlanes planes(int[] argb, int width, int height) {
        if (width <= 0 || height <= 0 || argb.length != (long) width * height) {
            throw new IllegalArgumentException(
                    "expected " + width + "x" + height + " pixels, got an array of " + argb.length);
        }
        return RgbPlanes.fromArgb(argb, width, height);
    }

    private static Ssim.Score[] channelScores(RgbPlanes a, RgbPlanes b) {
        double[][] channelsA = a.channels();
        double[][] channelsB = b.channels();
        Ssim.Score[] scores = new Ssim.Score[channelsA.length];
        for (int c = 0; c < scores.length; c++) {
            scores[c] = Ssim.score(channelsA[c], channelsB[c], a.width(), a.height());
        }
        return scores;
    }

    private static double meanSsim(Ssim.Score[] channelScores) {
        return Arrays.stream(channelScores).collect(Collectors.averagingDouble(Ssim.Score::ssim));
    }

    private static double lumaSsim(RgbPlanes a, RgbPlanes b) {
        return Ssim.score(a.luma(), b.luma(), a.width(), a.height()).ssim();
    }

    /** MS-SSIM given the already computed full-scale scores of each channel. */
    private static double msssim(RgbPlanes a, RgbPlanes b, Ssim.Score[] fullScale) {
        if (Math.min(a.width(), a.height()) < MIN_MSSSIM_SIDE) {
            return Double.NaN;
        }
        double[] products = new double[fullScale.length];
        Arrays.fill(products, 1.0);
        RgbPlanes scaledA = a;
        RgbPlanes scaledB = b;
        Ssim.Score[] scores = fullScale;
        int coarsest = MSSSIM_SCALES - 1;
        for (int scale = 0; scale <= coarsest; scale++) {
            if (scale > 0) {
                scaledA = scaledA.halved();
                scaledB = scaledB.halved();
                scores = channelScores(scaledA, scaledB);
            }
            for (int c = 0; c < products.length; c++) {
                double term = scale == coarsest ? scores[c].ssim() : scores[c].contrastStructure();
                products[c] *= Math.pow(Math.max(term, 0.0), MSSSIM_WEIGHTS[scale]);
            }
        }
        return Arrays.stream(products).average().orElseThrow();
    }
}
