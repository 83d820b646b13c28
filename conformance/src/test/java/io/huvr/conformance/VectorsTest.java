package io.huvr.conformance;

import io.huvr.format.HuvrReader;
import io.huvr.format.ModelFileReader;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed vector directory is complete and consistent, and its model is reproducible. */
class VectorsTest {
    @Test
    void manifestNamesExistingFilesOfTheStatedModel() throws IOException {
        Manifest manifest = TestVectors.manifest();
        assertEquals(manifest.modelSha256(), ModelFileReader.read(TestVectors.model()).sha256Hex());
        for (Manifest.ValidVector v : manifest.valid()) {
            var header = HuvrReader.read(Files.readAllBytes(TestVectors.DIRECTORY.resolve(v.file()))).header();
            assertEquals(manifest.modelSha256(), java.util.HexFormat.of().formatHex(header.getModelSha256().toByteArray()));
            assertEquals(v.width(), header.getWidth(), v.file());
            assertEquals(v.height(), header.getHeight(), v.file());
            BufferedImage reference = ImageIO.read(TestVectors.DIRECTORY.resolve(v.reference()).toFile());
            assertEquals(16, reference.getColorModel().getComponentSize(0), v.reference());
            assertEquals(v.width(), reference.getWidth());
            BufferedImage original = ImageIO.read(TestVectors.DIRECTORY.resolve(v.original()).toFile());
            assertEquals(v.height(), original.getHeight());
        }
        for (Manifest.InvalidVector v : manifest.invalid()) {
            assertTrue(Files.isRegularFile(TestVectors.DIRECTORY.resolve(v.file())), v.file());
            assertTrue(!v.rejection().isBlank() && !v.description().isBlank(), v.file());
        }
    }

    @Test
    void coverageIsWhatTheIssueAsks() throws IOException {
        Manifest manifest = TestVectors.manifest();
        String exercised = manifest.valid().stream().map(Manifest.ValidVector::exercises).toList().toString();
        for (String feature : new String[] {"operating point 0", "operating point 1", "operating point 2", "ZSTD",
                "1x1", "300x7", "many tiles", "effort 1", "GREY:", "RGBA:", "GREY_ALPHA:"}) {
            assertTrue(exercised.contains(feature), feature);
        }
        long containerInvalid = manifest.invalid().stream().filter(v -> v.file().contains("container-")).count();
        assertEquals(Files.readAllLines(Path.of("../format-spec/vectors/manifest.tsv")).stream()
                .filter(l -> l.startsWith("invalid-") && l.split("\t")[0].endsWith(".huvr")).count(), containerInvalid);
        for (String reason : new String[] {"MODEL_MISMATCH", "RANS_FINAL_STATE", "RANS_PAYLOAD_TRUNCATED",
                "ALPHA_SIZE_MISMATCH"}) {
            assertTrue(manifest.invalid().stream().anyMatch(v -> v.rejection().equals(reason)), reason);
        }
    }

    @Test
    void committedTinyModelIsTheGeneratorsModel() throws IOException {
        assertArrayEquals(VectorGenerator.tinyModel(), Files.readAllBytes(TestVectors.model()));
    }
}
