package io.huvr.codec;

import io.huvr.codec.image.Images;
import io.huvr.codec.model.HuvrModel;
import io.huvr.format.HuvrFormatException;
import io.huvr.format.HuvrImage;
import io.huvr.format.HuvrReader;
import io.huvr.format.proto.EntropyCoder;
import io.huvr.format.proto.ImageHeader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The encode/decode machinery on an untrained tiny model: layout, determinism, coders, bad input. */
class CodecRoundTripTest {
    private static HuvrModel model;
    private static BufferedImage photo;

    @BeforeAll
    static void load() throws IOException {
        model = TinyModels.load(7);
        photo = Images.readRgb(Path.of("src/test/resources/photos/ihc_200x190.png"));
    }

    @Test
    void headerDescribesTheImageAndTheModel() throws IOException {
        byte[] bitstream = new HuvrEncoder(model).encode(photo, EncodeOptions.defaults().withQuality(2));
        HuvrImage parsed = HuvrReader.read(bitstream);
        ImageHeader h = parsed.header();
        assertEquals(200, h.getWidth());
        assertEquals(190, h.getHeight());
        assertEquals(13, h.getLayout().getTilesX());   // ceil(200 / 16)
        assertEquals(12, h.getLayout().getTilesY());   // ceil(190 / 16)
        assertEquals(13 * 12, parsed.tiles().size());
        assertEquals(1, h.getQuantization().getOperatingPoint());
        assertArrayEquals(model.sha256(), h.getModelSha256().toByteArray());
    }

    @Test
    void encodingAndDecodingAreDeterministicAndKeepTheSize() throws IOException {
        HuvrEncoder encoder = new HuvrEncoder(model);
        HuvrDecoder decoder = new HuvrDecoder(model);
        byte[] first = encoder.encode(photo, EncodeOptions.defaults());
        byte[] second = encoder.encode(photo, EncodeOptions.defaults());
        assertArrayEquals(first, second);
        BufferedImage a = decoder.decode(first);
        BufferedImage b = decoder.decode(first);
        assertEquals(200, a.getWidth());
        assertEquals(190, a.getHeight());
        assertArrayEquals(Images.pixels(a), Images.pixels(b));
    }

    @Test
    void bothEntropyCodersCarryTheSameTokens() throws IOException {
        HuvrEncoder encoder = new HuvrEncoder(model);
        HuvrDecoder decoder = new HuvrDecoder(model);
        byte[] rans = encoder.encode(photo, new EncodeOptions(3, 0, EntropyCoder.RANS));
        byte[] zstd = encoder.encode(photo, new EncodeOptions(3, 0, EntropyCoder.ZSTD));
        assertFalse(Arrays.equals(rans, zstd));
        assertArrayEquals(Images.pixels(decoder.decode(rans)), Images.pixels(decoder.decode(zstd)));
    }

    @Test
    void finerOperatingPointsSpendMoreBits() throws IOException {
        HuvrEncoder encoder = new HuvrEncoder(model);
        int coarse = encoder.encode(photo, EncodeOptions.defaults().withQuality(1)).length;
        int fine = encoder.encode(photo, EncodeOptions.defaults().withQuality(3)).length;
        assertTrue(fine > coarse, fine + " bytes at quality 3, " + coarse + " at quality 1");
    }

    @Test
    void oddSizesDownToOnePixel() throws IOException {
        HuvrEncoder encoder = new HuvrEncoder(model);
        HuvrDecoder decoder = new HuvrDecoder(model);
        for (int[] size : new int[][] {{1, 1}, {17, 3}, {3, 40}}) {
            BufferedImage crop = photo.getSubimage(0, 0, size[0], size[1]);
            BufferedImage decoded = decoder.decode(encoder.encode(crop, EncodeOptions.defaults()));
            assertEquals(size[0], decoded.getWidth());
            assertEquals(size[1], decoded.getHeight());
        }
    }

    @Test
    void effortRefinesTheTokensWithinTheSameFormat() throws IOException {
        HuvrEncoder encoder = new HuvrEncoder(model);
        BufferedImage crop = photo.getSubimage(0, 0, 48, 32);
        byte[] plain = encoder.encode(crop, EncodeOptions.defaults());
        byte[] refined = encoder.encode(crop, new EncodeOptions(3, 1, EntropyCoder.RANS));
        assertFalse(Arrays.equals(plain, refined), "refinement changed the tokens");
        assertEquals(48, new HuvrDecoder(model).decode(refined).getWidth());
    }

    @Test
    void refinementDoesNotDependOnWhatWasRefinedBefore() throws IOException {
        HuvrEncoder encoder = new HuvrEncoder(model);
        EncodeOptions refined = new EncodeOptions(3, 1, EntropyCoder.RANS);
        BufferedImage crop = photo.getSubimage(0, 0, 48, 32);
        byte[] first = encoder.encode(crop, refined);
        encoder.encode(photo.getSubimage(100, 100, 48, 32), refined.withQuality(1));
        assertArrayEquals(first, encoder.encode(crop, refined));
    }

    @Test
    void threadsShareOneEncoderAndEncodeAlike() throws Exception {
        HuvrEncoder encoder = new HuvrEncoder(model);
        EncodeOptions refined = new EncodeOptions(3, 1, EntropyCoder.RANS);
        BufferedImage crop = photo.getSubimage(0, 0, 48, 32);
        byte[] plain = encoder.encode(photo, EncodeOptions.defaults());
        byte[] refinedAlone = encoder.encode(crop, refined);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<byte[]>> plainJobs = new ArrayList<>();
            List<Future<byte[]>> refinedJobs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                plainJobs.add(pool.submit(() -> encoder.encode(photo, EncodeOptions.defaults())));
                refinedJobs.add(pool.submit(() -> encoder.encode(crop, refined)));
            }
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(plain, plainJobs.get(i).get());
                assertArrayEquals(refinedAlone, refinedJobs.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBitstreamForAnotherModelIsRefusedByName() throws IOException {
        byte[] bitstream = new HuvrEncoder(model).encode(photo, EncodeOptions.defaults());
        HuvrModel other = TinyModels.load(8);
        IOException e = assertThrows(IOException.class, () -> new HuvrDecoder(other).decode(bitstream));
        assertTrue(e.getMessage().contains(model.sha256Hex()), e.getMessage());
    }

    @Test
    void corruptOrTruncatedBitstreamsGiveAnIoExceptionOnly() throws IOException {
        byte[] bitstream = new HuvrEncoder(model).encode(photo.getSubimage(0, 0, 40, 40), EncodeOptions.defaults());
        HuvrDecoder decoder = new HuvrDecoder(model);
        assertThrows(HuvrFormatException.class, () -> decoder.decode(Arrays.copyOf(bitstream, bitstream.length - 3)));
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int i = 0; i < 200; i++) {
            byte[] mutated = bitstream.clone();
            mutated[random.nextInt(mutated.length)] ^= (byte) (1 << random.nextInt(8));
            try {
                decoder.decode(mutated);
            } catch (IOException expected) {
                // a typed rejection is the only acceptable failure
            }
        }
    }
}
