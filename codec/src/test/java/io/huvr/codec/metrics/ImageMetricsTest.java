package io.huvr.codec.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageMetricsTest {

    @Test
    void identicalImagesScorePerfectly() {
        int[] image = randomArgb(180, 190, 1);

        Metrics metrics = ImageMetrics.all(image, image.clone(), 180, 190);

        assertEquals(new Metrics(ImageMetrics.PSNR_OF_IDENTICAL_IMAGES, 1.0, 1.0, 1.0), metrics);
    }

    @Test
    void alphaIsIgnored() {
        int[] opaque = randomArgb(20, 20, 2);
        int[] transparent = opaque.clone();
        for (int i = 0; i < transparent.length; i++) {
            transparent[i] &= 0x00FFFFFF;
        }

        assertEquals(ImageMetrics.PSNR_OF_IDENTICAL_IMAGES, ImageMetrics.psnrRgb(opaque, transparent));
    }

    @Test
    void psnrOfAUniformErrorOfOneLevel() {
        int[] gray = new int[64];
        int[] brighter = new int[64];
        Arrays.fill(gray, 0xFF808080);
        Arrays.fill(brighter, 0xFF818181);

        assertEquals(20 * Math.log10(255), ImageMetrics.psnrRgb(gray, brighter), 1e-12);
    }

    @Test
    void msssimIsNaNBelowTheMinimumSide() {
        int side = ImageMetrics.MIN_MSSSIM_SIDE;
        assertEquals(176, side);

        assertTrue(Double.isNaN(msssimOfNoisyCopy(side - 1, 300)));
        assertTrue(Double.isNaN(msssimOfNoisyCopy(300, side - 1)));
        assertFalse(Double.isNaN(msssimOfNoisyCopy(side, side)));
    }

    @Test
    void ssimIsNaNBelowOneWindow() {
        int side = ImageMetrics.MIN_SSIM_SIDE;
        int[] small = randomArgb(side - 1, side, 4);
        int[] oneWindow = randomArgb(side, side, 5);

        assertTrue(Double.isNaN(ImageMetrics.ssimRgb(small, small, side - 1, side)));
        assertTrue(Double.isNaN(ImageMetrics.ssimLuma(small, small, side - 1, side)));
        assertEquals(1.0, ImageMetrics.ssimRgb(oneWindow, oneWindow, side, side));
    }

    @Test
    void mismatchedSizesAreRejected() {
        int[] a = randomArgb(20, 30, 6);
        int[] b = randomArgb(30, 20, 7);
        int[] shorter = randomArgb(20, 29, 8);

        assertThrows(IllegalArgumentException.class, () -> ImageMetrics.psnrRgb(a, shorter));
        assertThrows(IllegalArgumentException.class, () -> ImageMetrics.ssimRgb(a, shorter, 20, 30));
        assertThrows(IllegalArgumentException.class, () -> ImageMetrics.ssimLuma(a, b, 20, 31));
        assertThrows(IllegalArgumentException.class, () -> ImageMetrics.msssimRgb(a, b, 0, 30));
        assertThrows(IllegalArgumentException.class, () -> ImageMetrics.all(a, shorter, 20, 30));
        assertThrows(IllegalArgumentException.class, () -> ImageMetrics.all(
                new BufferedImage(20, 30, BufferedImage.TYPE_INT_RGB),
                new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB)));
    }

    @Test
    void emptyImagesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ImageMetrics.psnrRgb(new int[0], new int[0]));
    }

    private static double msssimOfNoisyCopy(int width, int height) {
        int[] image = randomArgb(width, height, 3);
        int[] noisy = image.clone();
        for (int i = 0; i < noisy.length; i += 7) {
            noisy[i] ^= 0x000F0F0F;
        }
        return ImageMetrics.msssimRgb(image, noisy, width, height);
    }

    private static int[] randomArgb(int width, int height, long seed) {
        Random random = new Random(seed);
        int[] argb = new int[width * height];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = 0xFF000000 | random.nextInt(1 << 24);
        }
        return argb;
    }
}
