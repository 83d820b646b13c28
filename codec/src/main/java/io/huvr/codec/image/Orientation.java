package io.huvr.codec.image;

import java.awt.Point;
import java.awt.Rectangle;
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
        BufferedImage out = new BufferedImage(image.getColorModel(),
                image.getColorModel().createCompatibleWritableRaster(swapsSides(orientation) ? h : w,
                        swapsSides(orientation) ? w : h),
                image.isAlphaPremultiplied(), null);
        Object pixel = null;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                pixel = image.getRaster().getDataElements(x, y, pixel);
                Point target = uprightPixel(x, y, w, h, orientation);
                out.getRaster().setDataElements(target.x, target.y, pixel);
            }
        }
        return out;
    }

    /** Whether an orientation swaps width and height (5..8: transposes and quarter turns). */
    public static boolean swapsSides(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /** Where stored pixel (x, y) of a {@code width x height} image lands once turned upright (orientation 2..8). */
    private static Point uprightPixel(int x, int y, int width, int height, int orientation) {
        return switch (orientation) {
            case 2 -> new Point(width - 1 - x, y);
            case 3 -> new Point(width - 1 - x, height - 1 - y);
            case 4 -> new Point(x, height - 1 - y);
            case 5 -> new Point(y, x);
            case 6 -> new Point(height - 1 - y, x);
            case 7 -> new Point(height - 1 - y, width - 1 - x);
            default -> new Point(y, width - 1 - x);
        };
    }

    /**
     * The stored pixels that a rectangle of the upright image comes from, for a stored image of
     * {@code storedWidth x storedHeight}: {@link #apply} of that stored rectangle gives the upright one.
     */
    public static Rectangle storedRegion(Rectangle upright, int storedWidth, int storedHeight, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return new Rectangle(upright);
        }
        int uprightWidth = swapsSides(orientation) ? storedHeight : storedWidth;
        int uprightHeight = swapsSides(orientation) ? storedWidth : storedHeight;
        // Every orientation is its own inverse except the quarter turns 6 and 8, which undo each other.
        int inverse = orientation == 6 ? 8 : orientation == 8 ? 6 : orientation;
        Point a = uprightPixel(upright.x, upright.y, uprightWidth, uprightHeight, inverse);
        Point b = uprightPixel(upright.x + upright.width - 1, upright.y + upright.height - 1, uprightWidth,
                uprightHeight, inverse);
        return new Rectangle(Math.min(a.x, b.x), Math.min(a.y, b.y), Math.abs(a.x - b.x) + 1, Math.abs(a.y - b.y) + 1);
    }
}
