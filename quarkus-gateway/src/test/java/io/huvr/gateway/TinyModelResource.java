package io.huvr.gateway;

import io.huvr.codec.model.HuvrConfig;
import io.huvr.codec.model.HuvrGraph;
import io.huvr.codec.model.ModelExporter;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Starts the gateway on a tiny untrained model written to a temporary file, with an empty archive:
 * the tests exercise the service, not the compression.
 */
public class TinyModelResource implements QuarkusTestResourceLifecycleManager {
    /** The key the tests' gateway accepts for writes. */
    public static final String API_KEY = "test-key-1";
    /** Patch 4, tile 16: every size and shape rule of the model family, at a tiny cost. */
    static final HuvrConfig TINY = new HuvrConfig(4, 16, 32, 1, 2, 64, 4, 32, 1, 64, 2, 16, 16, 2);

    private Path dir;

    /** A freshly initialised tiny model file with three operating points. */
    public static byte[] tinyModel(long seed) throws IOException {
        return ModelExporter.export(HuvrGraph.training(TINY, seed).sd(), TINY, "tiny-" + seed, 100,
                List.of(new ModelExporter.Point(2, 0), new ModelExporter.Point(1, 0), new ModelExporter.Point(0.5, 0)));
    }

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("huvr-gateway-test");
            Path model = Files.write(dir.resolve("tiny.huvrm"), tinyModel(1));
            return Map.of(
                    "huvr.gateway.model", model.toString(),
                    "huvr.gateway.archive.dir", dir.resolve("archive").toString(),
                    "huvr.gateway.auth.api-keys", API_KEY + ",another-key");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
