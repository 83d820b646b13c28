package io.huvr.lite;

import io.huvr.format.proto.ReconstructionFilter;

/**
 * SPEC.md 2.5, the reconstruction filter of a {@code FILT} chunk, written out from the specification's formula
 * (the reference decoder's {@code TileFilter} is a separate implementation, so each checks the other).
 */
final class FilterPass {

    private FilterPass() {
    }

    /**
     * Filters every tile of an interleaved RGB image ({@code [pixel][3]}, row-major) in place; each tile reads
     * only its own unfiltered samples, positions clamped to its rectangle inside the image.
     */
    static void apply(ReconstructionFilter filter, float[] rgb, int width, int height, int tileSize) {
        int radius = filter.getRadius();
        int side = 2 * radius + 1;
        int offsets = (side * side + 1) / 2;
        int perOutput = 3 * offsets + 1;
        double scale = Math.scalb(1.0, -filter.getFractionBits());
        for (int top = 0; top < height; top += tileSize) {
            for (int left = 0; left < width; left += tileSize) {
                int w = Math.min(tileSize, width - left);
                int h = Math.min(tileSize, height - top);
                float[] tile = new float[w * h * 3];
                for (int y = 0; y < h; y++) {
                    System.arraycopy(rgb, ((top + y) * width + left) * 3, tile, y * w * 3, w * 3);
                }
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        for (int c = 0; c < 3; c++) {
                            double sum = filter.getTaps(c * perOutput + 3 * offsets);
                            for (int j = 0; j < offsets; j++) {
                                int dy = j / side - radius;
                                int dx = j % side - radius;
                                for (int i = 0; i < 3; i++) {
                                    double v = tile[index(x + dx, y + dy, w, h) + i];
                                    if (j < offsets - 1) {
                                        v += tile[index(x - dx, y - dy, w, h) + i];
                                    }
                                    sum += filter.getTaps(c * perOutput + 3 * j + i) * v;
                                }
                            }
                            rgb[((top + y) * width + left + x) * 3 + c] = (float) (tile[(y * w + x) * 3 + c] + sum * scale);
                        }
                    }
                }
            }
        }
    }

    /** The first of the three samples at (x, y), clamped to the {@code w x h} tile. */
    private static int index(int x, int y, int w, int h) {
        return (Math.min(h - 1, Math.max(0, y)) * w + Math.min(w - 1, Math.max(0, x))) * 3;
    }
}
