package io.huvr.conformance;

import io.huvr.lite.LiteDecoder;
import io.huvr.lite.LiteModel;
import io.huvr.lite.PngFiles;
import io.huvr.lite.Rendered;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The suite must fail decoders that are wrong, each with a reason that says what is wrong. */
class WrongDecodersTest {
    private static InProcessDecoder.Decoding lite;
    private static LiteDecoder liteDecoder;

    @TempDir
    Path report;

    @BeforeAll
    static void loadLite() throws IOException {
        lite = TestVectors.lite();
        liteDecoder = new LiteDecoder(LiteModel.load(TestVectors.model()));
    }

    private static SuiteResult runAll(String name, InProcessDecoder.Decoding decoding, Path report) throws IOException {
        return new ConformanceRunner(TestVectors.DIRECTORY, Tolerance.SPEC, Duration.ofSeconds(30))
                .run(new InProcessDecoder(name, decoding), report);
    }

    private static void assertFailsWith(SuiteResult result, String file, String reasonPart) {
        assertFalse(result.passed(), "the suite passed " + result.decoder());
        VectorResult r = result.result(file);
        assertFalse(r.passed(), file + " passed");
        assertTrue(r.reason().contains(reasonPart), file + ": '" + r.reason() + "' does not say '" + reasonPart + "'");
    }

    @Test
    void rowShiftedByOneFailsOnPeakError() throws IOException {
        SuiteResult result = runAll("row-shifted", bitstream -> {
            BufferedImage image = lite.decode(bitstream);
            BufferedImage shifted = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    shifted.setRGB(x, y, image.getRGB(x, Math.min(y + 1, image.getHeight() - 1)));
                }
            }
            return shifted;
        }, report);
        assertFailsWith(result, "valid/rans-97x83.huvr", "peak error");
        assertTrue(result.result("invalid/codec-rans-final-state.huvr").passed(), "rejections are unaffected");
    }

    @Test
    void everySampleTwoLevelsOffFails() throws IOException {
        SuiteResult result = runAll("plus-two", bitstream -> {
            BufferedImage image = lite.decode(bitstream);
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y);
                    int brighter = 0;
                    for (int shift = 16; shift >= 0; shift -= 8) {
                        brighter = brighter << 8 | Math.min(255, (rgb >> shift & 0xff) + 2);
                    }
                    image.setRGB(x, y, brighter);
                }
            }
            return image;
        }, report);
        for (Manifest.ValidVector v : TestVectors.manifest().valid()) {
            assertFailsWith(result, v.file(), "peak error");
        }
    }

    @Test
    void alphaNotAsCodedFails() throws IOException {
        SuiteResult result = runAll("opaque", bitstream -> {
            BufferedImage image = lite.decode(bitstream);
            if (image.getColorModel().hasAlpha()) {
                WritableRaster raster = image.getRaster();
                for (int y = 0; y < image.getHeight(); y++) {
                    for (int x = 0; x < image.getWidth(); x++) {
                        raster.setSample(x, y, raster.getNumBands() - 1, 255);
                    }
                }
            }
            return image;
        }, report);
        assertFailsWith(result, "valid/rgba-45x29.huvr", "alpha differs from the reference in");
        assertFailsWith(result, "valid/grey-alpha-45x29.huvr", "alpha differs from the reference in");
        assertTrue(result.result("valid/grey-45x29.huvr").passed(), "images without alpha are unaffected");
    }

    @Test
    void ignoringTheColourModelFails() throws IOException {
        SuiteResult result = runAll("always-rgb", bitstream -> {
            Rendered rendered = liteDecoder.decode(bitstream);
            return PngFiles.toImage(new Rendered(rendered.width(), rendered.height(), rendered.rgb()), 8);
        }, report);
        assertFailsWith(result, "valid/grey-45x29.huvr", "it has RGB, the reference grey");
        assertFailsWith(result, "valid/rgba-45x29.huvr", "it has RGB, the reference RGB with alpha");
        assertTrue(result.result("valid/rans-97x83.huvr").passed(), "RGB vectors are unaffected");
    }

    @Test
    void crashOnInvalidStreamFails() throws IOException {
        SuiteResult result = runAll("crashes", bitstream -> {
            try {
                return lite.decode(bitstream);
            } catch (IOException e) {
                throw new IllegalStateException("boom: " + e.getMessage());
            }
        }, report);
        assertFailsWith(result, "invalid/codec-rans-truncated-tile.huvr", "crashed instead of rejecting");
        assertFailsWith(result, "invalid/container-bad-magic.huvr", "IllegalStateException: boom");
        assertTrue(result.result("valid/rans-97x83.huvr").passed());
    }

    @Test
    void outputOfTheWrongSizeFails() throws IOException {
        SuiteResult result = runAll("one-column-more", bitstream -> {
            BufferedImage image = lite.decode(bitstream);
            BufferedImage wider = new BufferedImage(image.getWidth() + 1, image.getHeight(), BufferedImage.TYPE_INT_RGB);
            wider.getGraphics().drawImage(image, 0, 0, null);
            return wider;
        }, report);
        assertFailsWith(result, "valid/rans-q1-45x29.huvr", "output is 46x29, expected 45x29");
    }

    @Test
    void acceptingAnInvalidStreamFails() throws IOException {
        SuiteResult result = runAll("accepts-everything", bitstream -> {
            try {
                return lite.decode(bitstream);
            } catch (IOException e) {
                return new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
            }
        }, report);
        assertFailsWith(result, "invalid/codec-rans-final-state.huvr", "accepted an invalid bitstream (expected rejection RANS_FINAL_STATE)");
        assertFailsWith(result, "invalid/codec-model-mismatch.huvr", "accepted an invalid bitstream");
        assertTrue(result.result("valid/zstd-300x7.huvr").passed());
    }

    @Test
    void hangingDecoderIsStoppedAtTheTimeLimit(@TempDir Path vectors) throws IOException {
        Path subset = TestVectors.subset(vectors, Set.of("codec-zstd-empty-tile.huvr"));
        long start = System.nanoTime();
        SuiteResult result = new ConformanceRunner(subset, Tolerance.SPEC, Duration.ofMillis(300))
                .run(new InProcessDecoder("hangs", bitstream -> {
                    try {
                        Thread.sleep(60_000); // the runner's cancellation interrupts it, so it costs no CPU
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IOException("woke up");
                }), report);
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "the runner waited past the limit");
        assertFailsWith(result, "invalid/codec-zstd-empty-tile.huvr", "timed out");
    }
}
