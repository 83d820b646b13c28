package io.huvr.codec.cli;

import io.huvr.codec.TinyModels;
import io.huvr.codec.model.HuvrModel;
import io.huvr.codec.train.TrainingPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code huvr weights export} then {@code import} gives back the model's weights with newly measured operating points. */
class WeightsCommandTest {
    @TempDir
    Path dir;

    private static int huvr(StringWriter err, String... args) {
        return HuvrCli.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    @Test
    void exportThenImportKeepsTheWeights() throws IOException {
        Path model = Files.write(dir.resolve("tiny.huvrm"), TinyModels.file(11));
        Path photos = TrainingPhotos.write(dir.resolve("photos"), 48, 40);
        Path npz = dir.resolve("tiny.npz");
        Path imported = dir.resolve("imported.huvrm");
        StringWriter err = new StringWriter();
        assertEquals(0, huvr(err, "weights", "export", "--model", model.toString(), "-o", npz.toString()), err.toString());
        assertEquals(0, huvr(err, "weights", "import", npz.toString(), "--data", photos.toString(), "-o",
                imported.toString(), "--name", "tiny-again", "--step-scales", "3,1.5,0.75,0.4"), err.toString());

        HuvrModel before = HuvrModel.load(model);
        HuvrModel after = HuvrModel.load(imported);
        assertEquals("tiny-again", after.name());
        assertEquals(before.config(), after.config());
        assertEquals(4, after.operatingPoints().size());
        for (String name : new String[] {"enc.patch_embed.w", "inr.l1.w", "head.conv.w", "density.patch.means"}) {
            assertEquals(before.parameter(name), after.parameter(name), name);
        }
    }

    @Test
    void aBrokenArchiveIsOneLineAndNoModelFile() throws IOException {
        Path npz = Files.writeString(dir.resolve("broken.npz"), "not an archive");
        Path output = dir.resolve("out.huvrm");
        StringWriter err = new StringWriter();
        assertEquals(HuvrCli.EXIT_FAILURE, huvr(err, "weights", "import", npz.toString(), "--data", dir.toString(),
                "-o", output.toString()));
        assertTrue(err.toString().startsWith("huvr weights import: "), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertFalse(Files.exists(output));
    }
}
