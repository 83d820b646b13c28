package io.huvr.codec;

import io.huvr.codec.image.Images;
import io.huvr.codec.metrics.ImageMetrics;
import io.huvr.codec.model.HuvrModel;
import io.huvr.format.Limits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped model on the extreme shapes the format allows: a single pixel, and strips as long as a side may be
 * ({@link Limits#MAX_DIMENSION}) in both directions, cut from a real photo.
 */
class ExtremeSizesTest {
    /** Measured 26.7 dB for the 65535x2 strip; most of each tile is edge-replicated padding. */
    private static final double MIN_STRIP_PSNR = 24;

    private static HuvrModel model;
    private static BufferedImage photo;

    @BeforeAll
    static void load() throws IOException {
        model = HuvrModel.loadDefault();
        photo = Images.readRgb(Path.of("src/test/resources/photos/hubble_320x256.png"));
    }

    @Test
    void onePixelRoundTrips() throws IOException {
        BufferedImage pixel = mirroredCut(1, 1);
        BufferedImage decoded = roundTrip(pixel);
        assertEquals(1, decoded.getWidth());
        assertEquals(1, decoded.getHeight());
    }

    @Test
    void stripsOfTheLongestSideRoundTripInBothDirections() throws IOException {
        for (BufferedImage strip : new BufferedImage[] {mirroredCut(Limits.MAX_DIMENSION, 2),
                mirroredCut(2, Limits.MAX_DIMENSION)}) {
            BufferedImage decoded = roundTrip(strip);
            assertEquals(strip.getWidth(), decoded.getWidth());
            assertEquals(strip.getHeight(), decoded.getHeight());
            double psnr = ImageMetrics.psnrRgb(Images.pixels(strip), Images.pixels(decoded));
            assertTrue(psnr > MIN_STRIP_PSNR, strip.getWidth() + "x" + strip.getHeight() + ": " + psnr + " dB");
        }
    }

    @Test
    void aSideBeyondTheFormatsLimitIsRefused() {
        BufferedImage tooWide = new BufferedImage(Limits.MAX_DIMENSION + 1, 1, BufferedImage.TYPE_INT_RGB);
        assertThrows(IllegalArgumentException.class,
                () -> new HuvrEncoder(model).encode(tooWide, EncodeOptions.defaults()));
    }

    private static BufferedImage roundTrip(BufferedImage image) throws IOException {
        return new HuvrDecoder(model).decode(new HuvrEncoder(model).encode(image, EncodeOptions.defaults()));
    }

    /** The photo repeated in mirror image to any size, so that the content stays photographic everywhere. */
    private static BufferedImage mirroredCut(int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                out.setRGB(x, y, photo.getRGB(mirror(x, photo.getWidth()), mirror(y, photo.getHeight())));
            }
        }
        return out;
    }

    private static int mirror(int i, int size) {
        int period = i % (2 * size);
        return period < size ? period : 2 * size - 1 - period;
    }
}
