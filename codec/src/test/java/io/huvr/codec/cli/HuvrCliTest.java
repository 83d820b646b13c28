package io.huvr.codec.cli;

import io.huvr.codec.TinyModels;
import io.huvr.codec.image.BadImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HuvrCliTest {
    private static final Path PHOTO = Path.of("src/test/resources/photos/ihc_200x190.png");

    @TempDir
    static Path dir;
    private static Path model;
    private static Path otherModel;

    private record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void models() throws IOException {
        model = Files.write(dir.resolve("tiny.huvrm"), TinyModels.file(11));
        otherModel = Files.write(dir.resolve("other.huvrm"), TinyModels.file(12));
    }

    private static Run huvr(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = HuvrCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    private static void assertOneLineError(Run run, String command) {
        assertEquals(HuvrCli.EXIT_FAILURE, run.exit(), run.err());
        assertTrue(run.err().startsWith("huvr " + command + ": "), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
    }

    @Test
    void encodeDecodeAndInfo() throws IOException {
        Path huvr = dir.resolve("ihc.huvr");
        Path png = dir.resolve("ihc.png");
        Run encode = huvr("encode", PHOTO.toString(), "-o", huvr.toString(), "--model", model.toString(), "-q", "2");
        assertEquals(0, encode.exit(), encode.err());
        assertTrue(encode.out().contains("bpp"), encode.out());

        Run info = huvr("info", huvr.toString());
        assertEquals(0, info.exit(), info.err());
        assertTrue(info.out().contains("\"width\": 200") && info.out().contains("\"height\": 190"), info.out());

        Run decode = huvr("decode", huvr.toString(), "-o", png.toString(), "--model", model.toString());
        assertEquals(0, decode.exit(), decode.err());
        assertEquals(200, ImageIO.read(png.toFile()).getWidth());
    }

    @Test
    void rateControlPicksTheHighestQualityThatFitsOrSaysWhatItNeeds() throws IOException {
        Path generous = dir.resolve("generous.huvr");
        Run fits = huvr("encode", PHOTO.toString(), "-o", generous.toString(), "--model", model.toString(),
                "--max-bpp", "100");
        assertEquals(0, fits.exit(), fits.err());
        assertTrue(fits.out().contains("quality 3,"), "the tiny model's highest: " + fits.out());

        Path capped = dir.resolve("capped.huvr");
        Run cap = huvr("encode", PHOTO.toString(), "-o", capped.toString(), "--model", model.toString(),
                "--max-bytes", "1000000", "-q", "2");
        assertEquals(0, cap.exit(), cap.err());
        assertTrue(cap.out().contains("quality 2,"), cap.out());

        Path tooSmall = dir.resolve("too-small.huvr");
        Run small = huvr("encode", PHOTO.toString(), "-o", tooSmall.toString(), "--model", model.toString(),
                "--max-bytes", "100");
        assertOneLineError(small, "encode");
        assertTrue(small.err().contains("at quality 1"), small.err());
        assertFalse(Files.exists(tooSmall));
        assertOneLineError(huvr("encode", PHOTO.toString(), "-o", tooSmall.toString(), "--model", model.toString(),
                "--max-bytes", "100000", "--max-bpp", "1"), "encode");
        Run zero = huvr("encode", PHOTO.toString(), "-o", tooSmall.toString(), "--model", model.toString(),
                "--max-bpp", "0");
        assertOneLineError(zero, "encode");
        assertTrue(zero.err().contains("--max-bpp"), zero.err());
    }

    @Test
    void decodeARegionOrAtAnotherSize() throws IOException {
        Path huvr = dir.resolve("part.huvr");
        assertEquals(0, huvr("encode", PHOTO.toString(), "-o", huvr.toString(), "--model", model.toString()).exit());
        Path whole = dir.resolve("whole.png");
        Path region = dir.resolve("region.png");
        Path sized = dir.resolve("sized.png");
        assertEquals(0, huvr("decode", huvr.toString(), "-o", whole.toString(), "--model", model.toString()).exit());
        Run regionRun = huvr("decode", huvr.toString(), "-o", region.toString(), "--model", model.toString(),
                "--region", "30,40,50,20");
        assertEquals(0, regionRun.exit(), regionRun.err());
        BufferedImage expected = ImageIO.read(whole.toFile()).getSubimage(30, 40, 50, 20);
        assertArrayEquals(expected.getRGB(0, 0, 50, 20, null, 0, 50),
                ImageIO.read(region.toFile()).getRGB(0, 0, 50, 20, null, 0, 50));
        Run sizeRun = huvr("decode", huvr.toString(), "-o", sized.toString(), "--model", model.toString(),
                "--size", "100x95");
        assertEquals(0, sizeRun.exit(), sizeRun.err());
        BufferedImage half = ImageIO.read(sized.toFile());
        assertEquals(100, half.getWidth());
        assertEquals(95, half.getHeight());
        assertOneLineError(huvr("decode", huvr.toString(), "-o", region.toString(), "--model", model.toString(),
                "--region", "190,0,20,20"), "decode");
        assertOneLineError(huvr("decode", huvr.toString(), "-o", sized.toString(), "--model", model.toString(),
                "--size", "100"), "decode");
    }

    @Test
    void invalidInputsFailWithOneLineAndNoOutputFile() throws IOException {
        Path notAnImage = Files.writeString(dir.resolve("notes.png"), "this is text, not a PNG");
        Path out = dir.resolve("never.huvr");
        assertOneLineError(huvr("encode", notAnImage.toString(), "-o", out.toString(), "--model", model.toString()), "encode");
        assertOneLineError(huvr("encode", dir.resolve("missing.png").toString(), "-o", out.toString(),
                "--model", model.toString()), "encode");
        assertFalse(Files.exists(out));

        Path truncated = dir.resolve("truncated.huvr");
        Path full = dir.resolve("full.huvr");
        assertEquals(0, huvr("encode", PHOTO.toString(), "-o", full.toString(), "--model", model.toString()).exit());
        byte[] bytes = Files.readAllBytes(full);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertOneLineError(huvr("info", truncated.toString()), "info");
        Path png = dir.resolve("never.png");
        assertOneLineError(huvr("decode", truncated.toString(), "-o", png.toString(), "--model", model.toString()), "decode");

        Run wrongModel = huvr("decode", full.toString(), "-o", png.toString(), "--model", otherModel.toString());
        assertOneLineError(wrongModel, "decode");
        assertTrue(wrongModel.err().contains("needs model"), wrongModel.err());
        assertFalse(Files.exists(png));

        Path garbageModel = Files.writeString(dir.resolve("garbage.huvrm"), "not a model");
        assertOneLineError(huvr("decode", full.toString(), "-o", png.toString(), "--model", garbageModel.toString()),
                "decode");
    }

    @Test
    void badImagesOfEveryFormatFailWithOneLineQuicklyAndWriteNothing() throws IOException {
        Path photos = PHOTO.getParent();
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        inputs.put("empty.png", new byte[0]);
        for (String name : List.of("ihc_200x190.png", "ihc_orientation6.jpg", "ihc_palette.gif", "ihc.tif", "ihc.webp")) {
            byte[] bytes = Files.readAllBytes(photos.resolve(name));
            inputs.put("truncated-" + name, Arrays.copyOf(bytes, bytes.length / 2));
        }
        inputs.put("bomb.png", BadImages.pngClaiming(100_000, 100_000));
        inputs.put("bomb.gif", BadImages.gifClaiming(65_535, 65_535));
        inputs.put("bomb.tif", BadImages.tiffClaiming(100_000, 100_000));
        inputs.put("bomb.bmp", BadImages.bmpClaiming(100_000, 100_000));
        byte[] malformedPng = BadImages.pngClaiming(64, 64);
        malformedPng[43] ^= 0x55;   // inside the IDAT's deflate data
        inputs.put("malformed.png", malformedPng);
        Path out = dir.resolve("bad.huvr");
        for (Map.Entry<String, byte[]> input : inputs.entrySet()) {
            Path file = Files.write(dir.resolve(input.getKey()), input.getValue());
            long start = System.nanoTime();
            Run run = huvr("encode", file.toString(), "-o", out.toString(), "--model", model.toString());
            assertOneLineError(run, "encode");
            assertTrue(System.nanoTime() - start < 5_000_000_000L, input.getKey() + " took too long");
            assertFalse(Files.exists(out), input.getKey());
        }
    }

    @Test
    void greyAndAlphaSurviveTheCommandLine() throws IOException {
        Path huvr = dir.resolve("grey-alpha.huvr");
        Path png = dir.resolve("grey-alpha.png");
        Path source = PHOTO.resolveSibling("ihc_grey_alpha.png");
        assertEquals(0, huvr("encode", source.toString(), "-o", huvr.toString(), "--model", model.toString()).exit());
        assertEquals(0, huvr("decode", huvr.toString(), "-o", png.toString(), "--model", model.toString()).exit());
        BufferedImage original = ImageIO.read(source.toFile());
        BufferedImage decoded = ImageIO.read(png.toFile());
        assertEquals(2, decoded.getRaster().getNumBands(), "grey plus alpha");
        assertArrayEquals(original.getRaster().getSamples(0, 0, 200, 190, 1, (int[]) null),
                decoded.getRaster().getSamples(0, 0, 200, 190, 1, (int[]) null), "alpha is lossless");
    }
}
