package io.huvr.codec.image;

import java.awt.image.BufferedImage;

/** Exif orientations (1..8, as in SPEC.md's {@code orientation} field) applied to pixels. */
public final class Orientation {
    /** Pixels as stored. */
    public static final int UPRIGHT = 1;

    private Orientation() {
    }

    /**
     * The image turned upright for an Exif orientation: 2 mirrored left-right, 3 rotated 180°, 4 mirrored
     * top-bottom, 5 transposed, 6 rotated 90° clockwise, 7 transversed, 8 rotated 90° anticlockwise; 0, 1 and
     * unknown values leave it as it is. The image type is kept.
     */
    public static BufferedImage apply(BufferedImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swapsSides = orientation >= 5;
        BufferedImage out = new BufferedImage(image.getColorModel(),
                image.getColorModel().createCompatibleWritableRaster(swapsSides ? h : w, swapsSides ? w : h),
                image.isAlphaPremultiplied(), null);
        Object pixel = null;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                pixel = image.getRaster().getDataElements(x, y, pixel);
                int tx;
                int ty;
                switch (orientation) {
                    case 2 -> { tx = w - 1 - x; ty = y; }
                    case 3 -> { tx = w - 1 - x; ty = h - 1 - y; }
                    case 4 -> { tx = x; ty = h - 1 - y; }
                    case 5 -> { tx = y; ty = x; }
                    case 6 -> { tx = h - 1 - y; ty = x; }
                    case 7 -> { tx = h - 1 - y; ty = w - 1 - x; }
                    default -> { tx = y; ty = w - 1 - x; }
                }
                out.getRaster().setDataElements(tx, ty, pixel);
            }
        }
        return out;
    }
}
