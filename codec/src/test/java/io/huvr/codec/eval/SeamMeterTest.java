package io.huvr.codec.eval;

import io.huvr.codec.EncodeOptions;
import io.huvr.codec.HuvrDecoder;
import io.huvr.codec.HuvrEncoder;
import io.huvr.codec.image.Images;
import io.huvr.codec.metrics.ImageMetrics;
import io.huvr.codec.model.HuvrModel;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeamMeterTest {
    @Test
    void onlyPixelsNearInnerTileBordersAreBorderPixels() {
        SeamMeter meter = new SeamMeter(64, 2);
        for (int x : new int[] {62, 63, 64, 65, 126, 129, 190}) {
            assertTrue(meter.nearInnerBorder(x, 200), "x = " + x);
        }
        for (int x : new int[] {0, 1, 61, 66, 100, 199}) {
            assertFalse(meter.nearInnerBorder(x, 200), "x = " + x);
        }
        assertFalse(meter.nearInnerBorder(190, 192), "the image's own edge is no tile border");
    }

    @Test
    void errorsOnlyAtBordersLowerOnlyTheBorderPsnr() throws IOException {
        BufferedImage original = Images.readRgb(Path.of("src/test/resources/photos/ihc_200x190.png"));
        BufferedImage damaged = copy(original);
        for (int y = 0; y < 190; y++) {
            damaged.setRGB(63, y, damaged.getRGB(63, y) ^ 0x040404);
        }
        SeamMeter meter = new SeamMeter(64, 1);
        meter.add(original, damaged);
        assertEquals(Double.POSITIVE_INFINITY, meter.interiorPsnr());
        // Border pixels: columns 63, 64, 127, 128, 191, 192 and rows 63, 64, 127, 128; column 63 is off by 4.
        int borderPixels = 6 * 190 + 4 * 200 - 6 * 4;
        assertEquals(10 * Math.log10(255.0 * 255 / (16.0 * 190 / borderPixels)), meter.borderPsnr(), 1e-9);
    }

    @Test
    void borderAndInteriorTogetherGiveTheWholeImagesPsnr() throws IOException {
        HuvrModel model = HuvrModel.loadDefault();
        BufferedImage photo = Images.readRgb(Path.of("src/test/resources/photos/hubble_320x256.png"));
        BufferedImage decoded = new HuvrDecoder(model).decode(new HuvrEncoder(model).encode(photo, EncodeOptions.defaults()));
        SeamMeter meter = new SeamMeter(model.config().tileSize(), 2);
        meter.add(photo, decoded);
        double share = meter.borderShare();
        // 4 inner vertical and 3 inner horizontal borders, 4 pixels wide each: (16 * 256 + 12 * 320 - 16 * 12) / (320 * 256).
        assertEquals((16 * 256 + 12 * 320 - 16 * 12) / (320.0 * 256), share, 1e-12);
        double mse = share * mse(meter.borderPsnr()) + (1 - share) * mse(meter.interiorPsnr());
        assertEquals(ImageMetrics.psnrRgb(Images.pixels(photo), Images.pixels(decoded)), 10 * Math.log10(255 * 255 / mse), 1e-9);
    }

    private static double mse(double psnr) {
        return 255 * 255 / Math.pow(10, psnr / 10);
    }

    private static BufferedImage copy(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, image.getWidth(), image.getHeight(), Images.pixels(image), 0, image.getWidth());
        return out;
    }
}
