package io.huvr.bench;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmarks run (one call each, in this JVM, no timing checked) and their CSV rows carry megapixels per second. */
class BenchmarksSmokeTest {
    @Test
    void everyBenchmarkRunsOnceAndReportsMegapixelsPerSecond() throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(CodecBenchmark.class.getSimpleName())
                .include(BatchEncodeBenchmark.class.getSimpleName())
                .param("size", "256x256")
                .param("images", "4")
                .mode(Mode.SingleShotTime)
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .build()).run();
        // huvr, JPEG and PNG each encode and decode, and one batch encode.
        assertEquals(7, results.size());
        List<String> lines = BenchMain.csvLines(results);
        assertEquals(BenchMain.CSV_HEADER, lines.get(0));
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("BatchEncodeBenchmark.encodeAll,huvr,256x256,4,0.2621,")),
                String.join("\n", lines));
        for (String line : lines.subList(1, lines.size())) {
            double megapixelsPerSecond = Double.parseDouble(line.substring(line.lastIndexOf(',') + 1));
            assertTrue(megapixelsPerSecond > 0, line);
        }
    }

    @Test
    void benchmarkImagesHaveTheAskedSizeAndDiffer() {
        BufferedImage large = BenchImages.photo(2048, 1536);
        assertEquals(2048, large.getWidth());
        assertEquals(1536, large.getHeight());
        List<BufferedImage> crops = BenchImages.crops(3, 256);
        // Crops 0 and 2 are both of the first photo, at different offsets.
        assertFalse(Arrays.equals(crops.get(0).getRGB(0, 0, 256, 256, null, 0, 256),
                crops.get(2).getRGB(0, 0, 256, 256, null, 0, 256)));
    }
}
