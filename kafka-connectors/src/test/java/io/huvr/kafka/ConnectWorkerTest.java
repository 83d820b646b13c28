package io.huvr.kafka;

import io.huvr.codec.HuvrDecoder;
import io.huvr.codec.image.Images;
import io.huvr.format.HuvrImage;
import io.huvr.format.HuvrReader;
import io.huvr.kafka.connect.HuvrTransform;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.converters.ByteArrayConverter;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.ConnectorConfig;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.SinkConnectorConfig;
import org.apache.kafka.connect.runtime.errors.DeadLetterQueueReporter;
import org.apache.kafka.connect.runtime.isolation.PluginDesc;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.FutureCallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Encode transform in a real Connect standalone worker (REST server, herder, sink task) against the test broker:
 * raw images from a topic reach a sink as {@code .huvr}, a corrupt image goes to Connect's dead-letter queue.
 */
class ConnectWorkerTest {
    @RegisterExtension
    static final KafkaBroker BROKER = new KafkaBroker();

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String SINK_NAME = "huvr-sink";

    @Test
    void encodeTransformCompressesImagesOnTheWayToTheSink(@TempDir Path temp) throws Exception {
        Map<String, byte[]> images = new LinkedHashMap<>();
        for (int n = 0; n < 6; n++) {
            images.put("image-" + n, TestImages.png(n));
        }
        images.put("ihc-photo", TestImages.photo("ihc_200x190.png"));
        Map<String, byte[]> inputs = new LinkedHashMap<>(images);
        inputs.put("not-an-image", "plain text, not a PNG".getBytes(StandardCharsets.UTF_8));
        TestTopics.produce(BROKER.bootstrapServers(), "connect-raw", inputs);
        Path sinkFolder = Files.createDirectories(temp.resolve("sink"));

        Connect<StandaloneHerder> connect = new ConnectStandalone().startConnect(workerSettings(temp));
        try {
            Set<String> transforms = connect.herder().plugins().transformations().stream()
                    .map(PluginDesc::className).collect(Collectors.toSet());
            assertTrue(transforms.containsAll(Set.of(HuvrTransform.Encode.class.getName(),
                    HuvrTransform.Decode.class.getName())), "the worker discovers the transforms: " + transforms);

            FutureCallback<Herder.Created<ConnectorInfo>> created = new FutureCallback<>();
            connect.herder().putConnectorConfig(SINK_NAME, sinkSettings(sinkFolder), false, created);
            created.get(30, TimeUnit.SECONDS);

            awaitFiles(sinkFolder, images.size());
            HuvrDecoder decoder = new HuvrDecoder(TestModels.tiny());
            for (var entry : images.entrySet()) {
                HuvrImage huvr = HuvrReader.read(Files.readAllBytes(sinkFolder.resolve(entry.getKey())));
                BufferedImage original = Images.readRgb(entry.getValue());
                BufferedImage decoded = decoder.decode(huvr);
                assertEquals(original.getWidth(), decoded.getWidth(), entry.getKey());
                assertEquals(original.getHeight(), decoded.getHeight(), entry.getKey());
            }

            List<ConsumerRecord<String, byte[]>> deadLetters =
                    TestTopics.awaitCommitted(BROKER.bootstrapServers(), "connect-dead-letter", 1, TIMEOUT);
            assertEquals(1, deadLetters.size());
            ConsumerRecord<String, byte[]> deadLetter = deadLetters.get(0);
            assertEquals("not-an-image", deadLetter.key());
            String message = new String(deadLetter.headers()
                    .lastHeader(DeadLetterQueueReporter.ERROR_HEADER_EXCEPTION_MESSAGE).value(), StandardCharsets.UTF_8);
            assertTrue(message.startsWith(DeadLetterReason.UNREADABLE_IMAGE.name()), message);
            assertEquals(images.keySet(), files(sinkFolder), "the corrupt image never reaches the sink");
        } finally {
            connect.stop();
        }
    }

    private static Map<String, String> workerSettings(Path temp) {
        return Map.of(
                "bootstrap.servers", BROKER.bootstrapServers(),
                "listeners", "http://localhost:0",
                "offset.storage.file.filename", temp.resolve("offsets").toString(),
                "key.converter", StringConverter.class.getName(),
                "value.converter", ByteArrayConverter.class.getName(),
                // Plugins from the class path's service files only: no scan of every class, a fast start.
                "plugin.discovery", "service_load");
    }

    /** The README's transform settings, on a sink connector reading the raw topic. */
    private static Map<String, String> sinkSettings(Path folder) {
        return Map.ofEntries(
                Map.entry(ConnectorConfig.NAME_CONFIG, SINK_NAME),
                Map.entry(ConnectorConfig.CONNECTOR_CLASS_CONFIG, FolderSinkConnector.class.getName()),
                Map.entry(SinkConnectorConfig.TOPICS_CONFIG, "connect-raw"),
                Map.entry(FolderSinkConnector.FOLDER, folder.toString()),
                Map.entry(ConnectorConfig.TRANSFORMS_CONFIG, "huvr"),
                Map.entry("transforms.huvr.type", HuvrTransform.Encode.class.getName()),
                Map.entry("transforms.huvr." + WorkerConfig.MODEL_PATH, TestModels.tinyFile().toString()),
                Map.entry("transforms.huvr." + WorkerConfig.ENCODE_QUALITY, "1"),
                Map.entry(ConnectorConfig.ERRORS_TOLERANCE_CONFIG, "all"),
                Map.entry(SinkConnectorConfig.DLQ_TOPIC_NAME_CONFIG, "connect-dead-letter"),
                Map.entry(SinkConnectorConfig.DLQ_TOPIC_REPLICATION_FACTOR_CONFIG, "1"),
                Map.entry(SinkConnectorConfig.DLQ_CONTEXT_HEADERS_ENABLE_CONFIG, "true"));
    }

    private static void awaitFiles(Path folder, int expected) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (files(folder).size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(expected, files(folder).size(), "files in the sink folder");
    }

    private static Set<String> files(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> !f.endsWith(".partial")).collect(Collectors.toSet());
        }
    }
}
