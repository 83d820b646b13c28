package io.huvr.codec;

import io.huvr.codec.image.Images;
import io.huvr.codec.model.HuvrModel;
import io.huvr.format.HuvrImage;
import io.huvr.format.HuvrReader;
import io.huvr.format.proto.EntropyCoder;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Encoding several images at once gives each image the bitstream it gets on its own, up to rare rounding. */
class EncodeAllTest {
    private static final Path PHOTOS = Path.of("src/test/resources/photos");

    /** Photos whose tile counts are not multiples of the batch, so batches mix images; one with alpha, one grey, one 16-bit. */
    private static List<BufferedImage> photos() throws IOException {
        return List.of(Images.readRgb(PHOTOS.resolve("ihc_200x190.png")),
                Images.readRgb(PHOTOS.resolve("hubble_320x256.png")),
                ImageIO.read(PHOTOS.resolve("ihc_rgba.png").toFile()),
                ImageIO.read(PHOTOS.resolve("ihc_grey.png").toFile()),
                ImageIO.read(PHOTOS.resolve("hubble_16bit.png").toFile()));
    }

    /**
     * The bitstreams of {@code encodeAll} against {@code encode}'s: the same header, alpha and number of tiles, and
     * at least {@code minSameTiles} of the tiles coded alike. Only a token whose value lies within float rounding of
     * a quantisation boundary may differ, because a matrix product's rows round differently in another batch.
     */
    private static void assertLikeOneByOne(HuvrEncoder encoder, List<BufferedImage> images, EncodeOptions options,
                                           double minSameTiles) throws IOException {
        List<byte[]> together = encoder.encodeAll(images, options);
        assertEquals(images.size(), together.size());
        for (int i = 0; i < images.size(); i++) {
            HuvrImage alone = HuvrReader.read(encoder.encode(images.get(i), options));
            HuvrImage batched = HuvrReader.read(together.get(i));
            assertEquals(alone.header(), batched.header(), "image " + i);
            assertArrayEquals(alone.alpha().orElse(null), batched.alpha().orElse(null), "image " + i);
            assertEquals(alone.tiles().size(), batched.tiles().size(), "image " + i);
            int same = 0;
            for (int t = 0; t < alone.tiles().size(); t++) {
                same += Arrays.equals(alone.tiles().get(t), batched.tiles().get(t)) ? 1 : 0;
            }
            assertTrue(same >= minSameTiles * alone.tiles().size(),
                    "image " + i + ": only " + same + " of " + alone.tiles().size() + " tiles coded alike");
        }
    }

    @Test
    void shippedModelCodesPhotosAsOnTheirOwn() throws IOException {
        HuvrModel shipped = HuvrModel.loadDefault();
        List<BufferedImage> images = photos();
        int tileSize = shipped.config().tileSize();
        int tiles = 0;
        for (BufferedImage image : images) {
            tiles += ((image.getWidth() + tileSize - 1) / tileSize) * ((image.getHeight() + tileSize - 1) / tileSize);
        }
        assertTrue(tiles > HuvrEncoder.BATCH_TILES, "the photos must fill more than one batch, have " + tiles + " tiles");
        assertLikeOneByOne(new HuvrEncoder(shipped), images, EncodeOptions.defaults(), 0.9);
    }

    @Test
    void tinyModelAtEffortZeroCodesAlmostEveryTileAlike() throws IOException {
        assertLikeOneByOne(new HuvrEncoder(TinyModels.load(7)), photos(), new EncodeOptions(2, 0, EntropyCoder.ZSTD), 0.9);
    }

    @Test
    void refinedImagesAreBatchedAloneSoCodeExactlyAlike() throws IOException {
        HuvrEncoder encoder = new HuvrEncoder(TinyModels.load(7));
        BufferedImage photo = Images.readRgb(PHOTOS.resolve("ihc_200x190.png"));
        // 3x3 and 2x2 tiles of 16 pixels: the second would share the first's batch if refinement allowed it.
        List<BufferedImage> crops = List.of(photo.getSubimage(0, 0, 40, 40), photo.getSubimage(50, 60, 30, 20));
        EncodeOptions refined = new EncodeOptions(3, 1, EntropyCoder.RANS);
        List<byte[]> together = encoder.encodeAll(crops, refined);
        for (int i = 0; i < crops.size(); i++) {
            assertArrayEquals(encoder.encode(crops.get(i), refined), together.get(i), "image " + i);
        }
    }

    @Test
    void noImagesGiveNoBitstreams() throws IOException {
        assertEquals(List.of(), new HuvrEncoder(TinyModels.load(7)).encodeAll(List.of(), EncodeOptions.defaults()));
    }

    @Test
    void aTooLargeImageFailsTheWholeCall() throws IOException {
        HuvrEncoder encoder = new HuvrEncoder(TinyModels.load(7));
        BufferedImage tooWide = new BufferedImage(70_000, 1, BufferedImage.TYPE_BYTE_GRAY);
        assertThrows(IllegalArgumentException.class,
                () -> encoder.encodeAll(List.of(photos().get(0), tooWide), EncodeOptions.defaults()));
    }
}
