package io.huvr.codec.cli;

import io.huvr.codec.image.BadImages;
import io.huvr.codec.image.Images;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code huvr encode} on hostile files of every input format, in a JVM with a {@value #HEAP} heap: empty,
 * truncated, and headers claiming sizes over the pixel limit or under it but beyond the heap. Each must end
 * with exit code 1, one line on standard error and no output file, within {@link #PER_FILE_MS} ms, and never
 * with OutOfMemoryError.
 */
class HostileImagesCliTest {
    static final String HEAP = "-Xmx64m";
    static final long PER_FILE_MS = 2000;
    private static final Path PHOTOS = Path.of("src/test/resources/photos");

    @Test
    void everyHostileFileIsRefusedInOneLineInASmallHeap(@TempDir Path dir) throws Exception {
        Map<String, byte[]> files = hostileFiles();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-cp", System.getProperty("java.class.path"), HostileImagesCliTest.class.getName()));
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            command.add(Files.write(dir.resolve(file.getKey()), file.getValue()).toString());
        }
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String report = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child JVM finished");
        assertEquals(0, child.exitValue(), report);

        List<String> lines = report.lines().filter(l -> l.startsWith("RESULT\t")).toList();
        assertEquals(files.size(), lines.size(), report);
        for (String line : lines) {
            String[] f = line.split("\t", 6);
            String what = f[1] + ": " + f[5];
            assertEquals("1", f[2], "exit code, " + what);
            assertEquals("no output", f[3], what);
            assertTrue(Long.parseLong(f[4]) < PER_FILE_MS, f[4] + " ms, " + what);
            assertTrue(f[5].startsWith("huvr encode: "), what);
        }
        assertTrue(Files.list(dir).noneMatch(p -> p.getFileName().toString().contains(".huvr")), "nothing written");
    }

    /** Runs in the child JVM: encodes each file through the command line and reports one line for each. */
    public static void main(String[] files) {
        for (String file : files) {
            Path out = Path.of(file + ".huvr");
            StringWriter err = new StringWriter();
            long start = System.nanoTime();
            int exit = HuvrCli.run(new String[] {"encode", file, "-o", out.toString()},
                    new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
            long ms = (System.nanoTime() - start) / 1_000_000;
            List<String> errLines = err.toString().strip().lines().toList();
            System.out.println(String.join("\t", "RESULT", Path.of(file).getFileName().toString(), "" + exit,
                    Files.exists(out) ? "output written" : "no output", "" + ms,
                    errLines.size() == 1 ? errLines.get(0) : "(" + errLines.size() + " lines) " + errLines));
        }
    }

    private static Map<String, byte[]> hostileFiles() throws IOException {
        byte[] png = Files.readAllBytes(PHOTOS.resolve("ihc_200x190.png"));
        byte[] jpeg = Files.readAllBytes(PHOTOS.resolve("ihc_orientation6.jpg"));
        byte[] gif = Files.readAllBytes(PHOTOS.resolve("ihc_palette.gif"));
        byte[] tiff = Files.readAllBytes(PHOTOS.resolve("ihc.tif"));
        byte[] webp = Files.readAllBytes(PHOTOS.resolve("ihc.webp"));
        ByteArrayOutputStream bmp = new ByteArrayOutputStream();
        ImageIO.write(Images.readRgb(PHOTOS.resolve("ihc_200x190.png")), "bmp", bmp);
        Map<String, byte[]> files = new LinkedHashMap<>();
        Map<String, byte[]> real = Map.of("png", png, "jpg", jpeg, "gif", gif, "tif", tiff, "webp", webp, "bmp", bmp.toByteArray());
        real.forEach((ext, bytes) -> {
            files.put("empty." + ext, new byte[0]);
            files.put("half." + ext, Arrays.copyOf(bytes, bytes.length / 2));
        });
        // over the pixel limit of 2^28
        files.put("over-limit.png", BadImages.pngClaiming(100_000, 100_000));
        files.put("over-limit.jpg", BadImages.jpegClaiming(jpeg, 65_535, 65_535));
        files.put("over-limit.gif", BadImages.gifClaiming(65_535, 65_535));
        files.put("over-limit.tif", BadImages.tiffClaiming(100_000, 100_000));
        files.put("over-limit.bmp", BadImages.bmpClaiming(100_000, 100_000));
        // under it, but each a raster of hundreds of MiB
        files.put("beyond-heap.png", BadImages.pngClaiming(16_384, 16_384));
        files.put("beyond-heap.jpg", BadImages.jpegClaiming(jpeg, 16_384, 16_384));
        files.put("beyond-heap.gif", BadImages.gifClaiming(65_535, 4_096));
        files.put("beyond-heap.tif", BadImages.tiffClaiming(16_384, 16_384));
        files.put("beyond-heap.bmp", BadImages.bmpClaiming(16_384, 16_384));
        files.put("beyond-heap.webp", BadImages.webpClaiming(webp, 16_383, 16_383));
        return files;
    }
}
