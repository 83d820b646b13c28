package io.huvr.codec;

import io.huvr.codec.image.ImagePlanes;
import io.huvr.codec.image.Images;
import io.huvr.codec.image.Orientation;
import io.huvr.codec.image.Resampler;
import io.huvr.codec.metrics.ImageMetrics;
import io.huvr.codec.model.HuvrModel;
import io.huvr.format.HuvrImage;
import io.huvr.format.HuvrReader;
import io.huvr.format.HuvrWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decoding at other sizes with the shipped model on real photos. */
class HuvrDecoderScaleTest {
    static final Path PHOTOS = Path.of("src/test/resources/photos");

    private static HuvrModel model;
    private static HuvrDecoder decoder;
    private static BufferedImage photo;
    private static HuvrImage coded;

    @BeforeAll
    static void load() throws IOException {
        model = HuvrModel.loadDefault();
        decoder = new HuvrDecoder(model);
        photo = Images.readRgb(PHOTOS.resolve("hubble_320x256.png"));
        coded = HuvrReader.read(new HuvrEncoder(model).encode(photo, EncodeOptions.defaults()));
    }

    @Test
    void theImagesOwnSizeIsTheNormalDecodeEitherWay() throws IOException {
        int[] normal = Images.pixels(decoder.decode(coded));
        assertArrayEquals(normal, Images.pixels(decoder.decode(coded, 320, 256)));
        assertArrayEquals(normal, Images.pixels(decoder.decodeOnInrGrid(coded, 320, 256)));
    }

    @Test
    void halfSizeIsCloserToTheDownscaledOriginalThanFullSizeToTheOriginal() throws IOException {
        BufferedImage half = decoder.decode(coded, 160, 128);
        assertEquals(160, half.getWidth());
        assertEquals(128, half.getHeight());
        int[] reference = Resampler.resizeRgb(Images.pixels(photo), 320, 256, 320, 256, 160, 128);
        double halfPsnr = ImageMetrics.psnrRgb(reference, Images.pixels(half));
        double fullPsnr = ImageMetrics.psnrRgb(Images.pixels(photo), Images.pixels(decoder.decode(coded)));
        assertTrue(halfPsnr > fullPsnr, halfPsnr + " dB at half size, " + fullPsnr + " dB at full size");
    }

    @Test
    void theInrGridKeepsThePictureInPlace() throws IOException {
        // 2x: 4 cells per patch side instead of 2, no resampling. huvr-s was not trained there (colours and
        // fine detail go wrong), so only the layout is checked: shrunk to one pixel per 8x8 patch, its brightness
        // must follow the normal decode's more closely than a copy shifted by two patches does.
        BufferedImage twice = decoder.decodeOnInrGrid(coded, 640, 512);
        assertEquals(640, twice.getWidth());
        assertEquals(512, twice.getHeight());
        int[] coarse = Resampler.resizeRgb(Images.pixels(twice), 640, 512, 640, 512, 40, 32);
        int[] normal = Resampler.resizeRgb(Images.pixels(decoder.decode(coded)), 320, 256, 320, 256, 40, 32);
        double inPlace = lumaCorrelation(normal, coarse);
        double shifted = lumaCorrelation(normal, shift(normal, 40, 2));
        assertTrue(inPlace > shifted + 0.2, "correlation " + inPlace + " in place, " + shifted
                + " for the decode shifted by two patches");
        // 333x100 is neither scale: 1x on the grid (256 / 256 rows), resampled to the requested width.
        BufferedImage uneven = decoder.decodeOnInrGrid(coded, 333, 100);
        assertEquals(333, uneven.getWidth());
        assertEquals(100, uneven.getHeight());
    }

    @Test
    void orientationAndAlphaFollowTheRequestedSize() throws IOException {
        BufferedImage rgba = Images.read(PHOTOS.resolve("ihc_rgba.png"));
        HuvrImage image = HuvrReader.read(new HuvrEncoder(model).encode(rgba, EncodeOptions.defaults()));
        HuvrImage turned = HuvrReader.read(HuvrWriter.toBytes(image.header().toBuilder().setOrientation(6).build(),
                image.chunks()));
        // Stored 200x190, upright 190x200: asked for 95x100 upright.
        BufferedImage small = decoder.decode(turned, 95, 100);
        assertEquals(95, small.getWidth());
        assertEquals(100, small.getHeight());
        BufferedImage storedSmall = decoder.decode(image, 100, 95);
        assertArrayEquals(Images.pixels(Orientation.apply(storedSmall, 6)), Images.pixels(small));
        byte[] alpha = new byte[200 * 190];
        int[] argb = rgba.getRGB(0, 0, 200, 190, null, 0, 200);
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] = (byte) (argb[i] >>> 24);
        }
        byte[] expected = Resampler.resizeBytes(alpha, 200, 190, 100, 95);
        int[] decodedArgb = storedSmall.getRGB(0, 0, 100, 95, null, 0, 100);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i] & 0xFF, decodedArgb[i] >>> 24, "alpha of pixel " + i);
        }
    }

    /** Pearson correlation of the BT.601 luma of two images. */
    private static double lumaCorrelation(int[] a, int[] b) {
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < a.length; i++) {
            meanA += ImagePlanes.luma(a[i]) / (double) a.length;
            meanB += ImagePlanes.luma(b[i]) / (double) a.length;
        }
        double covariance = 0;
        double varianceA = 0;
        double varianceB = 0;
        for (int i = 0; i < a.length; i++) {
            double da = ImagePlanes.luma(a[i]) - meanA;
            double db = ImagePlanes.luma(b[i]) - meanB;
            covariance += da * db;
            varianceA += da * da;
            varianceB += db * db;
        }
        return covariance / Math.sqrt(varianceA * varianceB);
    }

    /** Pixels moved left by {@code pixels} in rows {@code width} long, the last column repeated. */
    private static int[] shift(int[] rgb, int width, int pixels) {
        int[] out = new int[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            int x = i % width;
            out[i] = rgb[i - x + Math.min(width - 1, x + pixels)];
        }
        return out;
    }
}
