package io.huvr.codec;

import io.huvr.codec.image.Images;
import io.huvr.codec.metrics.ImageMetrics;
import io.huvr.codec.model.HuvrModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TIFF (RGB and CMYK), CMYK JPEG and WebP inputs, read through the TwelveMonkeys ImageIO plugins, coded with the
 * built-in model: each file is first compared with the photo it was made from, then its round trip.
 */
class ExtraFormatsTest {
    static final Path PHOTOS = Path.of("src/test/resources/photos");
    /** ihc_200x190.png scores 23.25 dB at the default quality. */
    static final double MIN_PSNR = 22.5;

    private static BufferedImage original;
    private static HuvrEncoder encoder;
    private static HuvrDecoder decoder;

    @BeforeAll
    static void load() throws IOException {
        original = Images.readRgb(PHOTOS.resolve("ihc_200x190.png"));
        HuvrModel model = HuvrModel.loadDefault();
        encoder = new HuvrEncoder(model);
        decoder = new HuvrDecoder(model);
    }

    @Test
    void tiffIsReadExactly() throws IOException {
        BufferedImage tiff = Images.readRgb(PHOTOS.resolve("ihc.tif"));
        assertEquals(ImageMetrics.PSNR_OF_IDENTICAL_IMAGES, psnr(original, tiff), "LZW TIFF is lossless");
        assertRoundTrip(tiff);
    }

    @Test
    void cmykTiffIsConvertedToRgb() throws IOException {
        BufferedImage cmyk = Images.readRgb(PHOTOS.resolve("ihc_cmyk.tif"));
        assertTrue(psnr(original, cmyk) > 30, "CMYK converted back to sRGB: " + psnr(original, cmyk) + " dB");
        assertRoundTrip(cmyk);
    }

    @Test
    void cmykJpegIsConvertedToRgb() throws IOException {
        BufferedImage cmyk = Images.readRgb(PHOTOS.resolve("ihc_cmyk.jpg"));
        assertTrue(psnr(original, cmyk) > 30, "CMYK JPEG converted to sRGB: " + psnr(original, cmyk) + " dB");
        assertRoundTrip(cmyk);
    }

    @Test
    void webpIsRead() throws IOException {
        BufferedImage webp = Images.readRgb(PHOTOS.resolve("ihc.webp"));
        assertTrue(psnr(original, webp) > 30, "lossy WebP at quality 90: " + psnr(original, webp) + " dB");
        assertRoundTrip(webp);
    }

    private static void assertRoundTrip(BufferedImage image) throws IOException {
        BufferedImage decoded = decoder.decode(encoder.encode(image, EncodeOptions.defaults()));
        double psnr = psnr(image, decoded);
        assertTrue(psnr > MIN_PSNR, "round-trip PSNR " + psnr);
    }

    private static double psnr(BufferedImage a, BufferedImage b) {
        return ImageMetrics.psnrRgb(Images.pixels(Images.toRgb(a)), Images.pixels(Images.toRgb(b)));
    }
}
