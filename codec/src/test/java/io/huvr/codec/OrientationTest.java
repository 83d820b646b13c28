package io.huvr.codec;

import io.huvr.codec.image.Images;
import io.huvr.codec.image.Orientation;
import io.huvr.codec.metrics.ImageMetrics;
import io.huvr.codec.model.HuvrModel;
import io.huvr.format.HuvrImage;
import io.huvr.format.HuvrReader;
import io.huvr.format.HuvrWriter;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exif orientation: applied when a photo is read (so files are coded upright with orientation 1), and a
 * header orientation other than 1 applied by the decoder.
 */
class OrientationTest {
    static final Path PHOTOS = Path.of("src/test/resources/photos");

    @Test
    void aJpegWithOrientationSixIsReadUpright() throws IOException {
        // ihc_orientation6.jpg stores the photo turned 90 degrees anticlockwise, with Exif orientation 6.
        BufferedImage upright = Images.read(PHOTOS.resolve("ihc_orientation6.jpg"));
        assertEquals(200, upright.getWidth());
        assertEquals(190, upright.getHeight());
        BufferedImage original = Images.readRgb(PHOTOS.resolve("ihc_200x190.png"));
        double psnr = ImageMetrics.psnrRgb(Images.pixels(original), Images.pixels(Images.toRgb(upright)));
        assertTrue(psnr > 30, "the upright JPEG matches the original up to JPEG loss: " + psnr + " dB");
    }

    @Test
    void everyOrientationIsUndoneByItsInverse() throws IOException {
        BufferedImage image = Images.readRgb(PHOTOS.resolve("ihc_200x190.png")).getSubimage(10, 20, 7, 4);
        Map<Integer, Integer> inverse = Map.of(2, 2, 3, 3, 4, 4, 5, 5, 6, 8, 7, 7, 8, 6);
        for (Map.Entry<Integer, Integer> e : inverse.entrySet()) {
            BufferedImage turned = Orientation.apply(image, e.getKey());
            assertEquals(e.getKey() >= 5 ? 4 : 7, turned.getWidth());
            BufferedImage back = Orientation.apply(turned, e.getValue());
            assertArrayEquals(Images.pixels(image), Images.pixels(back), "orientation " + e.getKey());
        }
        // 6 is a clockwise quarter turn: the stored top-left pixel ends at the top-right.
        assertEquals(image.getRGB(0, 0), Orientation.apply(image, 6).getRGB(3, 0));
        assertEquals(image.getRGB(0, 0), Orientation.apply(image, 2).getRGB(6, 0));
    }

    @Test
    void theEncoderStoresOrientationOneAndTheDecoderAppliesTheHeaders() throws IOException {
        HuvrModel model = TinyModels.load(7);
        BufferedImage photo = Images.read(PHOTOS.resolve("ihc_orientation6.jpg")).getSubimage(0, 0, 40, 24);
        HuvrImage coded = HuvrReader.read(new HuvrEncoder(model).encode(photo, EncodeOptions.defaults()));
        assertEquals(1, coded.header().getOrientation());
        HuvrDecoder decoder = new HuvrDecoder(model);
        BufferedImage asStored = decoder.decode(coded);
        HuvrImage turned = HuvrReader.read(HuvrWriter.toBytes(coded.header().toBuilder().setOrientation(8).build(),
                coded.chunks()));
        BufferedImage decoded = decoder.decode(turned);
        assertEquals(24, decoded.getWidth());
        assertEquals(40, decoded.getHeight());
        assertArrayEquals(Images.pixels(Orientation.apply(asStored, 8)), Images.pixels(decoded));
    }
}
