package io.huvr.codec;

import io.huvr.codec.image.Images;
import io.huvr.codec.metrics.ImageMetrics;
import io.huvr.codec.model.HuvrModel;
import io.huvr.format.Chunk;
import io.huvr.format.HuvrImage;
import io.huvr.format.HuvrReader;
import io.huvr.format.HuvrWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The encoder's reconstruction filter with the shipped model on a real photo. */
class ReconstructionFilterTest {
    private static HuvrModel model;
    private static BufferedImage photo;
    private static HuvrImage encoded;

    @BeforeAll
    static void encode() throws IOException {
        model = HuvrModel.loadDefault();
        photo = Images.readRgb(Path.of("src/test/resources/photos", "hubble_320x256.png"));
        encoded = HuvrReader.read(new HuvrEncoder(model).encode(photo, EncodeOptions.defaults()));
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    @Test
    void theEncoderAddsAFilterThatRaisesPsnr() throws IOException {
        assertTrue(encoded.filter().isPresent(), "huvr-s at quality 3 gains from a filter on this photo");
        assertEquals(1, encoded.minorVersion(), "a file with FILT is version 1.1");
        HuvrImage unfiltered = HuvrReader.read(HuvrWriter.toBytes(encoded.header(),
                encoded.chunks().stream().filter(c -> c.fourcc() != Chunk.FILT).toList()));
        HuvrDecoder decoder = new HuvrDecoder(model);
        double with = ImageMetrics.psnrRgb(pixels(photo), pixels(decoder.decode(encoded)));
        double without = ImageMetrics.psnrRgb(pixels(photo), pixels(decoder.decode(unfiltered)));
        assertTrue(with > without + 0.05, "PSNR " + with + " with the filter, " + without + " without");
    }

    @Test
    void aRegionAcrossTileBordersEqualsTheSameCropOfTheWholeImage() throws IOException {
        HuvrDecoder decoder = new HuvrDecoder(model);
        BufferedImage whole = decoder.decode(encoded);
        Rectangle region = new Rectangle(50, 40, 100, 90);
        BufferedImage part = decoder.decodeRegion(encoded, region);
        assertArrayEquals(whole.getRGB(region.x, region.y, region.width, region.height, null, 0, region.width),
                pixels(part));
    }
}
