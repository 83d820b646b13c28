package io.huvr.kafka;

import io.huvr.codec.model.HuvrConfig;
import io.huvr.codec.model.HuvrGraph;
import io.huvr.codec.model.HuvrModel;
import io.huvr.codec.model.ModelExporter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Tiny untrained models: the workers' machinery at a fraction of a second per image, whatever the quality. */
final class TestModels {
    private static final HuvrConfig TINY = new HuvrConfig(4, 16, 32, 1, 2, 64, 4, 32, 1, 64, 2, 16, 16, 2);
    private static Path tinyFile;
    private static HuvrModel tiny;

    private TestModels() {
    }

    /** A file of the tiny model with seed 1 and three operating points, written once per JVM. */
    static synchronized Path tinyFile() {
        if (tinyFile == null) {
            tinyFile = write(1);
        }
        return tinyFile;
    }

    /** The tiny model of {@link #tinyFile()}, loaded once per JVM. */
    static synchronized HuvrModel tiny() {
        if (tiny == null) {
            tiny = load(tinyFile());
        }
        return tiny;
    }

    /** Another tiny model (another seed, hence another SHA-256). */
    static HuvrModel other(long seed) {
        return load(write(seed));
    }

    private static HuvrModel load(Path file) {
        try {
            return HuvrModel.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(long seed) {
        try {
            byte[] bytes = ModelExporter.export(HuvrGraph.training(TINY, seed).sd(), TINY, "tiny-" + seed, 100,
                    List.of(new ModelExporter.Point(2, 0), new ModelExporter.Point(1, 0), new ModelExporter.Point(0.5, 0)));
            Path file = Files.createTempFile("huvr-tiny-" + seed + "-", ".huvrm");
            file.toFile().deleteOnExit();
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
