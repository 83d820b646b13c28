package io.huvr.conformance;

import io.huvr.lite.LiteDecoder;
import io.huvr.lite.LiteModel;
import io.huvr.lite.PngFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;

/** The committed vectors, and subsets of them for tests that need only a few. */
final class TestVectors {
    /** The module's vector directory (tests run with the module as working directory). */
    static final Path DIRECTORY = Path.of("vectors");

    private TestVectors() {
    }

    static Manifest manifest() throws IOException {
        return Manifest.read(DIRECTORY);
    }

    static Path model() throws IOException {
        return DIRECTORY.resolve(manifest().model());
    }

    /** huvr-lite on the committed model, as an in-process decoder. */
    static InProcessDecoder.Decoding lite() throws IOException {
        LiteDecoder decoder = new LiteDecoder(LiteModel.load(model()));
        return bitstream -> PngFiles.toImage(decoder.decode(bitstream), 8);
    }

    /** A vector directory in {@code target} holding only the named vectors (file names without directory). */
    static Path subset(Path target, Set<String> names) throws IOException {
        Manifest all = manifest();
        List<Manifest.ValidVector> valid = all.valid().stream()
                .filter(v -> names.contains(Path.of(v.file()).getFileName().toString())).toList();
        List<Manifest.InvalidVector> invalid = all.invalid().stream()
                .filter(v -> names.contains(Path.of(v.file()).getFileName().toString())).toList();
        if (valid.size() + invalid.size() != names.size()) {
            throw new IllegalArgumentException("unknown vector among " + names);
        }
        for (String sub : List.of("valid", "reference", "invalid", "originals")) {
            Files.createDirectories(target.resolve(sub));
        }
        for (Manifest.ValidVector v : valid) {
            for (String file : List.of(v.file(), v.reference(), v.original())) {
                Files.copy(DIRECTORY.resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        for (Manifest.InvalidVector v : invalid) {
            Files.copy(DIRECTORY.resolve(v.file()), target.resolve(v.file()), StandardCopyOption.REPLACE_EXISTING);
        }
        Path model = target.resolve("model.huvrm");
        Files.copy(model(), model, StandardCopyOption.REPLACE_EXISTING);
        new Manifest("model.huvrm", all.modelSha256(), all.reference(), valid, invalid).write(target);
        return target;
    }
}
