package io.huvr.codec.eval;

import java.awt.image.BufferedImage;

/**
 * How visible the coding's tile borders are: the PSNR (RGB) of decoded pixels within {@code band} pixels of an
 * inner tile border against that of all other pixels, pooled over every image added. The encoder sees one
 * tile at a time, so an error that grows at tile borders (a seam) shows as a lower border PSNR. The image's own
 * edges are not tile borders and count as interior.
 */
public final class SeamMeter {
    private final int tile;
    private final int band;
    private double borderSquaredError;
    private double interiorSquaredError;
    private long borderSamples;
    private long interiorSamples;

    public SeamMeter(int tile, int band) {
        if (band < 1 || 2 * band > tile) {
            throw new IllegalArgumentException("band " + band + " does not fit tiles of " + tile);
        }
        this.tile = tile;
        this.band = band;
    }

    public int band() {
        return band;
    }

    /** Adds an original and its decoded image (same size, RGB). */
    public void add(BufferedImage original, BufferedImage decoded) {
        int width = original.getWidth();
        int height = original.getHeight();
        if (decoded.getWidth() != width || decoded.getHeight() != height) {
            throw new IllegalArgumentException("decoded image is " + decoded.getWidth() + "x" + decoded.getHeight()
                    + ", the original " + width + "x" + height);
        }
        int[] a = original.getRGB(0, 0, width, height, null, 0, width);
        int[] b = decoded.getRGB(0, 0, width, height, null, 0, width);
        for (int y = 0; y < height; y++) {
            boolean borderRow = nearInnerBorder(y, height);
            for (int x = 0; x < width; x++) {
                long squared = 0;
                for (int shift = 0; shift <= 16; shift += 8) {
                    int d = (a[y * width + x] >> shift & 0xFF) - (b[y * width + x] >> shift & 0xFF);
                    squared += d * d;
                }
                if (borderRow || nearInnerBorder(x, width)) {
                    borderSquaredError += squared;
                    borderSamples += 3;
                } else {
                    interiorSquaredError += squared;
                    interiorSamples += 3;
                }
            }
        }
    }

    /** Whether pixel {@code coordinate} of an axis {@code size} long lies within the band of a tile border inside it. */
    boolean nearInnerBorder(int coordinate, int size) {
        int offset = coordinate % tile;
        boolean afterBorder = offset < band && coordinate >= tile;
        boolean beforeBorder = tile - offset <= band && coordinate + tile - offset < size;
        return afterBorder || beforeBorder;
    }

    public double borderPsnr() {
        return psnr(borderSquaredError, borderSamples);
    }

    public double interiorPsnr() {
        return psnr(interiorSquaredError, interiorSamples);
    }

    /** The share of samples that lie near a border. */
    public double borderShare() {
        return (double) borderSamples / (borderSamples + interiorSamples);
    }

    private static double psnr(double squaredError, long samples) {
        return 10 * Math.log10(255.0 * 255.0 / (squaredError / samples));
    }
}
