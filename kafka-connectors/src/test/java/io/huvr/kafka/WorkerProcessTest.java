package io.huvr.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link EncodeWorkerMain} as a separate process: killed with SIGKILL mid-run, restarted, and stopped with SIGTERM. */
class WorkerProcessTest {
    @RegisterExtension
    static final KafkaBroker BROKER = new KafkaBroker();

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    /** The worker's configuration besides broker and model, given to the process as environment variables. */
    private static final Map<String, String> WORKER_SETTINGS = Map.of(
            WorkerConfig.INPUT_TOPIC, "raw5",
            WorkerConfig.OUTPUT_TOPIC, "huvr5",
            WorkerConfig.DEAD_LETTER_TOPIC, "dlq5",
            WorkerConfig.GROUP_ID, "grp5",
            // The same id for both processes: the second fences the first and aborts its open transaction.
            WorkerConfig.WORKER_ID, "only",
            WorkerConfig.MAX_POLL_RECORDS, "4",
            WorkerConfig.TOPICS_PARTITIONS, "3",
            WorkerConfig.METRICS_LOG_SECONDS, "0");

    @TempDir
    Path dir;

    @BeforeAll
    static void createTopics() throws InterruptedException {
        // The test reads the output topic before the first process has created it.
        TopicSetup.createMissingTopics(WorkerConfig.of(settings()));
    }

    @Test
    void killedWorkerRestartsWithExactlyOneOutputPerInput() throws Exception {
        Map<String, byte[]> inputs = StreamWorkerTest.images("killed", 40);
        Process first = startWorker("first.log");
        TestTopics.produce(BROKER.bootstrapServers(), "raw5", inputs);
        int committedBeforeKill = TestTopics.awaitCommitted(BROKER.bootstrapServers(), "huvr5", 4, TIMEOUT).size();
        first.destroyForcibly();
        assertTrue(first.waitFor(30, TimeUnit.SECONDS), "SIGKILL ends the worker");
        assertTrue(committedBeforeKill < inputs.size(), "killed while records were waiting, " + log("first.log"));

        Process second = startWorker("second.log");
        try {
            List<ConsumerRecord<String, byte[]>> outputs = TestTopics.readCommitted(BROKER.bootstrapServers(), "huvr5",
                    inputs.size(), TIMEOUT);
            StreamWorkerTest.assertExactlyOnce(inputs.keySet(), outputs);
        } finally {
            second.destroy(); // SIGTERM: the shutdown hook closes the worker
        }
        assertTrue(second.waitFor(60, TimeUnit.SECONDS), "SIGTERM stops the worker, " + log("second.log"));
        assertEquals(143, second.exitValue(), "exit status after SIGTERM, " + log("second.log"));
    }

    /** Starts the encode worker's main in a new JVM with the test class path, configured by environment variables. */
    private Process startWorker(String logName) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, EncodeWorkerMain.class.getName());
        settings().forEach((key, value) -> builder.environment().put(WorkerConfig.environmentVariable(key), value));
        builder.redirectErrorStream(true).redirectOutput(dir.resolve(logName).toFile());
        return builder.start();
    }

    /** {@link #WORKER_SETTINGS} with the broker and the model file. */
    private static Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>(WORKER_SETTINGS);
        settings.put(WorkerConfig.BOOTSTRAP_SERVERS, BROKER.bootstrapServers());
        settings.put(WorkerConfig.MODEL_PATH, TestModels.tinyFile().toString());
        return settings;
    }

    private String log(String name) {
        try {
            String text = Files.readString(dir.resolve(name));
            return "worker log:\n" + text.substring(Math.max(0, text.length() - 4000));
        } catch (IOException e) {
            return "no worker log: " + e.getMessage();
        }
    }
}
