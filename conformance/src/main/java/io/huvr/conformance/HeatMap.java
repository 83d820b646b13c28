package io.huvr.conformance;

import java.awt.image.BufferedImage;

/**
 * An error heat map: black where a pixel matches the reference, through red (half the peak
 * tolerance) and yellow (the tolerance) to white (twice the tolerance or more).
 */
final class HeatMap {
    private HeatMap() {
    }

    static BufferedImage render(float[] errors, int width, int height, Tolerance tolerance) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        double scale = tolerance.maxPeak() > 0 ? tolerance.maxPeak() : 1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double t = Math.min(1, errors[y * width + x] / (2 * scale)); // 0 .. 1, 0.5 at the tolerance
                int red = (int) Math.round(255 * Math.min(1, 4 * t));
                int green = (int) Math.round(255 * Math.max(0, Math.min(1, 4 * t - 1)));
                int blue = (int) Math.round(255 * Math.max(0, 2 * t - 1));
                image.setRGB(x, y, red << 16 | green << 8 | blue);
            }
        }
        return image;
    }
}
