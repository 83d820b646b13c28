package io.huvr.codec.image;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile inputs to {@link Images#read(byte[], long)}: empty, truncated, decompression bombs and seeded random
 * mutations of small real files in every supported format (PNG, JPEG, BMP, GIF, TIFF, WebP). Whatever the
 * bytes, the only failure allowed is a one-line {@link IOException}, within {@link #PER_INPUT} each. The
 * command line under a small heap is {@code cli.HostileImagesCliTest}.
 */
class ImagesFuzzTest {
    static final Path PHOTOS = Path.of("src/test/resources/photos");
    static final int ITERATIONS = 3000;
    /** Keeps a mutated header's claimed size, and so each decode's memory, small. */
    static final long FUZZ_MAX_PIXELS = 1L << 20;
    /** The time one hostile input may take to be read or refused. */
    static final Duration PER_INPUT = Duration.ofSeconds(2);

    private static final Map<String, byte[]> SEEDS = new LinkedHashMap<>();

    @BeforeAll
    static void seeds() throws IOException {
        BufferedImage photo = Images.readRgb(PHOTOS.resolve("ihc_200x190.png")).getSubimage(40, 30, 24, 20);
        for (String format : List.of("png", "jpeg", "gif", "bmp", "tiff")) {
            SEEDS.put(format, write(photo, format));
        }
        SEEDS.put("grey png", write(Images.read(PHOTOS.resolve("ihc_grey.png")).getSubimage(0, 0, 24, 20), "png"));
        SEEDS.put("rgba png", write(Images.read(PHOTOS.resolve("ihc_rgba.png")).getSubimage(90, 80, 24, 20), "png"));
        SEEDS.put("16-bit png", write(Images.read(PHOTOS.resolve("hubble_16bit.png")).getSubimage(0, 0, 24, 20), "png"));
        SEEDS.put("webp", Files.readAllBytes(PHOTOS.resolve("ihc.webp")));
        SEEDS.put("exif jpeg", Files.readAllBytes(PHOTOS.resolve("ihc_orientation6.jpg")));
        SEEDS.put("icc jpeg", Files.readAllBytes(PHOTOS.resolve("ihc_adobergb.jpg")));
        ByteArrayOutputStream iccPng = new ByteArrayOutputStream();
        Images.writePng(Images.read(PHOTOS.resolve("ihc_adobergb.png")).getSubimage(40, 30, 24, 20), iccPng);
        SEEDS.put("icc png", iccPng.toByteArray());
    }

    @Test
    void theSeedsAreValidImages() throws IOException {
        for (Map.Entry<String, byte[]> seed : SEEDS.entrySet()) {
            BufferedImage image = Images.read(seed.getValue());
            assertTrue(image.getWidth() > 0, seed.getKey());
        }
        assertEquals(12, SEEDS.size());
    }

    @Test
    void decompressionBombsAreRefusedFromTheirHeaders() throws IOException {
        Map<String, byte[]> bombs = Map.of(
                "png", BadImages.pngClaiming(100_000, 100_000),
                "jpeg", BadImages.jpegClaiming(SEEDS.get("exif jpeg"), 65_535, 65_535),
                "gif", BadImages.gifClaiming(65_535, 65_535),
                "tiff", BadImages.tiffClaiming(100_000, 100_000),
                "bmp", BadImages.bmpClaiming(100_000, 100_000));
        for (Map.Entry<String, byte[]> bomb : bombs.entrySet()) {
            IOException e = refusedWithin(PER_INPUT, bomb.getValue(), Images.MAX_PIXELS, bomb.getKey());
            assertTrue(e.getMessage().contains("pixels; the limit is"), bomb.getKey() + ": " + e.getMessage());
        }
        // a lossy WebP frame is at most 16383 pixels a side: under the codec's limit, over a caller's smaller one
        byte[] webp = BadImages.webpClaiming(SEEDS.get("webp"), 16_383, 16_383);
        IOException e = refusedWithin(PER_INPUT, webp, FUZZ_MAX_PIXELS, "webp");
        assertTrue(e.getMessage().contains("268402689 pixels; the limit is"), e.getMessage());
    }

    @Test
    void emptyAndTruncatedFilesAreRefusedWithOneLine() {
        refusedWithin(PER_INPUT, new byte[0], Images.MAX_PIXELS, "empty");
        for (Map.Entry<String, byte[]> seed : SEEDS.entrySet()) {
            byte[] bytes = seed.getValue();
            for (int length : new int[] {1, 8, 30, bytes.length / 2}) {
                refusedWithin(PER_INPUT, Arrays.copyOf(bytes, length), Images.MAX_PIXELS, seed.getKey() + " cut to " + length);
            }
        }
    }

    @Test
    void randomMutationsOfEveryFormatGiveAtMostAnIoException() {
        List<byte[]> seeds = new ArrayList<>(SEEDS.values());
        seeds.add(BadImages.pngClaiming(30, 20));
        seeds.add(BadImages.tiffClaiming(30, 20));
        seeds.add(BadImages.gifClaiming(30, 20));
        seeds.add(BadImages.bmpClaiming(30, 20));
        SplittableRandom random = new SplittableRandom(20261129);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < ITERATIONS; i++) {
                byte[] mutated = mutate(seeds.get(random.nextInt(seeds.size())), random);
                long start = System.nanoTime();
                readExpectingAtMostIoException(mutated, "iteration " + i);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertTrue(took.compareTo(PER_INPUT) < 0, "iteration " + i + " took " + took);
            }
        });
    }

    private static void readExpectingAtMostIoException(byte[] bytes, String what) {
        try {
            Images.toRgb(Images.read(bytes, FUZZ_MAX_PIXELS));
        } catch (IOException rejected) {
            assertTrue(rejected.getMessage() != null && !rejected.getMessage().contains("\n"), what + ": one line");
        } catch (RuntimeException | Error e) {
            throw new AssertionError(what + " escaped as " + e, e);
        }
    }

    /** Reads bytes that must be refused, and returns the one-line IOException they were refused with. */
    private static IOException refusedWithin(Duration limit, byte[] bytes, long maxPixels, String what) {
        IOException e = assertTimeoutPreemptively(limit,
                () -> assertThrows(IOException.class, () -> Images.read(bytes, maxPixels), what), what);
        assertEquals(1, e.getMessage().lines().count(), what + ": " + e.getMessage());
        return e;
    }

    /** One to four edits: bit flips, byte overwrites with boundary values, a truncation or a duplicated run. */
    private static byte[] mutate(byte[] seed, SplittableRandom random) {
        byte[] bytes = seed.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && bytes.length > 1; e++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(4)) {
                case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> bytes[at] = (byte) new int[] {0, 0x7F, 0x80, 0xFF}[random.nextInt(4)];
                case 2 -> bytes = Arrays.copyOf(bytes, Math.max(1, at));
                default -> {
                    int length = Math.min(1 + random.nextInt(16), bytes.length - at);
                    byte[] longer = new byte[bytes.length + length];
                    System.arraycopy(bytes, 0, longer, 0, at + length);
                    System.arraycopy(bytes, at, longer, at + length, bytes.length - at);
                    bytes = longer;
                }
            }
        }
        return bytes;
    }

    private static byte[] write(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, format, out)) {
            throw new IOException("no " + format + " writer");
        }
        return out.toByteArray();
    }
}
