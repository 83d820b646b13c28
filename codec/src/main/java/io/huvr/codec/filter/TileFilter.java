package io.huvr.codec.filter;

import io.huvr.format.ReconstructionFilters;
import io.huvr.format.proto.ReconstructionFilter;

/**
 * The reconstruction filter of a {@code FILT} chunk (format-spec SPEC.md, section 2.5), ready to run: a
 * point-symmetric linear filter over the three colour planes of one tile, added to the samples it reads.
 */
public final class TileFilter {
    static final int CHANNELS = ReconstructionFilters.CHANNELS;

    private final int radius;
    /** Window offsets of the half window, its centre last. */
    private final int[] offsetY;
    private final int[] offsetX;
    /** {@code [out][feature]}: per output channel the taps in {@link Window#features} order (the bias last), as floats. */
    private final float[][] weights;

    private TileFilter(int radius, float[][] weights) {
        this.radius = radius;
        int offsets = ReconstructionFilters.offsets(radius);
        this.offsetY = new int[offsets];
        this.offsetX = new int[offsets];
        int side = 2 * radius + 1;
        for (int j = 0; j < offsets; j++) {
            offsetY[j] = j / side - radius;
            offsetX[j] = j % side - radius;
        }
        this.weights = weights;
    }

    /** The filter a checked {@code ReconstructionFilter} message describes. */
    public static TileFilter of(ReconstructionFilter filter) {
        int perChannel = ReconstructionFilters.tapsPerOutput(filter.getRadius());
        float scale = (float) Math.scalb(1.0, -filter.getFractionBits());
        float[][] weights = new float[CHANNELS][perChannel];
        for (int c = 0; c < CHANNELS; c++) {
            for (int k = 0; k < perChannel; k++) {
                weights[c][k] = filter.getTaps(c * perChannel + k) * scale;
            }
        }
        return new TileFilter(filter.getRadius(), weights);
    }

    /** A filter of this radius whose taps are all zero: the window's shape, for fitting. */
    static TileFilter shape(int radius) {
        return new TileFilter(radius, new float[CHANNELS][ReconstructionFilters.tapsPerOutput(radius)]);
    }

    /**
     * Filters the rectangle {@code [x0, x0 + width) x [y0, y0 + height)} of three planes in place; reads clamp to
     * the rectangle. The planes lie at {@code offset}, {@code offset + planeSize} and {@code offset + 2 planeSize},
     * rows {@code stride} floats apart.
     */
    public void apply(float[] planes, int offset, int planeSize, int stride, int x0, int y0, int width, int height) {
        Window window = new Window(this, planes, offset, planeSize, stride, x0, y0, width, height);
        float[] features = new float[weights[0].length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                window.features(x, y, features);
                for (int c = 0; c < CHANNELS; c++) {
                    float[] w = weights[c];
                    float sum = 0f;
                    for (int k = 0; k < w.length; k++) {
                        sum += w[k] * features[k];
                    }
                    planes[offset + c * planeSize + (y0 + y) * stride + x0 + x] += sum;
                }
            }
        }
    }

    /**
     * A copy of one rectangle's three planes, padded by the radius with its edge samples (so reads clamp to
     * it), and the filter's features at any of its pixels.
     */
    static final class Window {
        private final TileFilter filter;
        private final int paddedWidth;
        private final int paddedPlane;
        private final float[] samples;

        Window(TileFilter filter, float[] planes, int offset, int planeSize, int stride, int x0, int y0, int width,
               int height) {
            this.filter = filter;
            int r = filter.radius;
            this.paddedWidth = width + 2 * r;
            this.paddedPlane = paddedWidth * (height + 2 * r);
            this.samples = new float[CHANNELS * paddedPlane];
            for (int c = 0; c < CHANNELS; c++) {
                for (int py = 0; py < height + 2 * r; py++) {
                    int row = offset + c * planeSize + (y0 + Math.min(height - 1, Math.max(0, py - r))) * stride + x0;
                    for (int px = 0; px < paddedWidth; px++) {
                        samples[c * paddedPlane + py * paddedWidth + px] = planes[row + Math.min(width - 1, Math.max(0, px - r))];
                    }
                }
            }
        }

        /**
         * The features at pixel (x, y) of the rectangle, unfiltered: for each offset of the half window before
         * the centre and each input channel the sum of the two samples the offset and its mirror reach, then the
         * centre's three samples, then 1 for the bias.
         */
        void features(int x, int y, float[] features) {
            int r = filter.radius;
            int centre = (y + r) * paddedWidth + x + r;
            int[] dy = filter.offsetY;
            int[] dx = filter.offsetX;
            int k = 0;
            for (int j = 0; j < dy.length; j++) {
                int shift = dy[j] * paddedWidth + dx[j];
                for (int c = 0; c < CHANNELS; c++) {
                    int at = c * paddedPlane + centre;
                    features[k++] = shift == 0 ? samples[at] : samples[at + shift] + samples[at - shift];
                }
            }
            features[k] = 1f;
        }
    }
}
