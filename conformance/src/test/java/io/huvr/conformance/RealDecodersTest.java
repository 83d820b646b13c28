package io.huvr.conformance;

import io.huvr.codec.HuvrDecoder;
import io.huvr.codec.model.HuvrModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both project decoders pass the whole suite, and they agree far inside the tolerance. */
class RealDecodersTest {
    @TempDir
    Path report;

    private static SuiteResult run(String decoder, Path report) throws IOException {
        ConformanceRunner runner = new ConformanceRunner(TestVectors.DIRECTORY, Tolerance.SPEC, Duration.ofSeconds(120));
        return runner.run(ConformanceRunner.decoder(decoder, runner.modelFile()), report);
    }

    @Test
    void liteDecoderPassesEveryVector() throws IOException {
        SuiteResult result = run("lite", report);
        assertTrue(result.passed(), () -> result.results().stream().filter(r -> !r.passed()).toList().toString());
        assertEquals(TestVectors.manifest().valid().size() + TestVectors.manifest().invalid().size(),
                result.results().size());
    }

    @Test
    void nd4jDecoderPassesEveryVector() throws IOException {
        SuiteResult result = run("nd4j", report);
        assertTrue(result.passed(), () -> result.results().stream().filter(r -> !r.passed()).toList().toString());
    }

    @Test
    void decodersAgreeWithinAHundredthOfALevelBeforeRounding() throws IOException {
        List<DecoderAgreement.Row> rows = DecoderAgreement.measure(TestVectors.DIRECTORY, 0);
        for (DecoderAgreement.Row row : rows) {
            assertTrue(row.maxDifference() < 0.01, row.toString());
        }
    }

    @Test
    void floatReferenceRoundsToTheCodecDecodersPixels() throws IOException {
        HuvrModel model = HuvrModel.load(TestVectors.model());
        Manifest.ValidVector vector = TestVectors.manifest().valid().get(0);
        byte[] bitstream = Files.readAllBytes(TestVectors.DIRECTORY.resolve(vector.file()));
        var rendered = new Nd4jDecoder(model).decode(bitstream);
        var decoded = new HuvrDecoder(model).decode(bitstream);
        for (int y = 0; y < vector.height(); y++) {
            for (int x = 0; x < vector.width(); x++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(decoded.getRGB(x, y) >> (16 - 8 * c) & 0xff,
                            io.huvr.lite.Rendered.toSample8(rendered.value(x, y, c)));
                }
            }
        }
    }
}
