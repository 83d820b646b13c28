package io.huvr.kafka;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An {@link EmbeddedKafka} on free ports in a temporary directory, deleted afterwards. As a JUnit extension it
 * runs around a test class; other fixtures (such as a Quarkus test resource) call {@link #start()} and
 * {@link #close()}. {@link #restart()} keeps its ports and data. Published in this module's test-jar so other
 * modules share it.
 */
public final class KafkaBroker implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private Path directory;
    private EmbeddedKafka kafka;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        close();
    }

    /** Starts a broker on a fresh temporary directory; returns once it answers. */
    public void start() throws Exception {
        directory = Files.createTempDirectory("huvr-kafka");
        kafka = new EmbeddedKafka(directory, 0);
        kafka.start();
    }

    /** Stops the broker and deletes its data. */
    @Override
    public void close() throws IOException {
        kafka.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Stops the broker and starts it again on the same ports with the same data. */
    public void restart() throws Exception {
        kafka.close();
        kafka.start();
    }
}
