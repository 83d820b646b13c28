package io.huvr.codec.cli;

import io.huvr.codec.TinyModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
