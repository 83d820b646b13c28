package io.huvr.conformance;

import io.huvr.codec.HuvrDecoder;
import io.huvr.codec.model.HuvrModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both project decoders pass the whole suite, on the tiny model's vectors and on the shipped huvr-s
 * model's, and they agree far inside the tolerance.
 */
class RealDecodersTest {
    /** The vectors made with the shipped model (VectorGenerator on codec's huvr-s.huvrm). */
    static final Path SHIPPED_MODEL_VECTORS = Path.of("vectors-huvr-s");

    @TempDir
    Path report;

    private static SuiteResult run(Path vectors, String decoder, Path report) throws IOException {
        ConformanceRunner runner = new ConformanceRunner(vectors, Tolerance.SPEC, Duration.ofSeconds(120));
        return runner.run(ConformanceRunner.decoder(decoder, runner.modelFile()), report);
    }

    @ParameterizedTest
    @CsvSource({"vectors,lite", "vectors,nd4j", "vectors-huvr-s,lite", "vectors-huvr-s,nd4j"})
    void decoderPassesEveryVector(Path vectors, String decoder) throws IOException {
        SuiteResult result = run(vectors, decoder, report);
        assertTrue(result.passed(), () -> result.results().stream().filter(r -> !r.passed()).toList().toString());
        Manifest manifest = Manifest.read(vectors);
        assertEquals(manifest.valid().size() + manifest.invalid().size(), result.results().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"vectors", "vectors-huvr-s"})
    void decodersAgreeWithinAHundredthOfALevelBeforeRounding(Path vectors) throws IOException {
        List<DecoderAgreement.Row> rows = DecoderAgreement.measure(vectors, 0);
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
