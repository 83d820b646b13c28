package io.huvr.codec.metrics;

/**
 * An RGB image as three planes of doubles in 0..255, row-major; the working form of the
 * SSIM computations, which need fractional values once luma is formed or a scale is halved.
 */
record RgbPlanes(int width, int height, double[] red, double[] green, double[] blue) {

    /** Splits packed ARGB pixels (as {@code BufferedImage.getRGB} returns them); alpha is ignored. */
    static RgbPlanes fromArgb(int[] argb, int width, int height) {
        int size = width * height;
        double[] red = new double[size];
        double[] green = new double[size];
        double[] blue = new double[size];
        for (int i = 0; i < size; i++) {
            int pixel = argb[i];
            red[i] = (pixel >> 16) & 0xFF;
            green[i] = (pixel >> 8) & 0xFF;
            blue[i] = pixel & 0xFF;
        }
        return new RgbPlanes(width, height, red, green, blue);
    }

    double[][] channels() {
        return new double[][] {red, green, blue};
    }

    /** BT.601 luma 0.299 R + 0.587 G + 0.114 B, unrounded as in the reference. */
    double[] luma() {
        double[] luma = new double[red.length];
        for (int i = 0; i < luma.length; i++) {
            luma[i] = 0.299 * red[i] + 0.587 * green[i] + 0.114 * blue[i];
        }
        return luma;
    }

    /** Averages 2x2 blocks, first dropping an odd last row or column: the MS-SSIM downsampling. */
    RgbPlanes halved() {
        int halfWidth = width / 2;
        int halfHeight = height / 2;
        return new RgbPlanes(halfWidth, halfHeight,
                halve(red, halfWidth, halfHeight), halve(green, halfWidth, halfHeight), halve(blue, halfWidth, halfHeight));
    }

    private double[] halve(double[] plane, int halfWidth, int halfHeight) {
        double[] half = new double[halfWidth * halfHeight];
        for (int y = 0; y < halfHeight; y++) {
            int top = 2 * y * width;
            int bottom = top + width;
            for (int x = 0; x < halfWidth; x++) {
                int left = 2 * x;
                half[y * halfWidth + x] =
                        (plane[top + left] + plane[top + left + 1] + plane[bottom + left] + plane[bottom + left + 1]) * 0.25;
            }
        }
        return half;
    }
}
