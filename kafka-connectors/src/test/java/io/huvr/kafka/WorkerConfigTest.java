package io.huvr.kafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerConfigTest {
    @Test
    void defaultsApplyWhenNothingIsSet() {
        WorkerConfig config = WorkerConfig.of(Map.of(WorkerConfig.WORKER_ID, "w1"));
        assertEquals(WorkerConfig.DEFAULT_BOOTSTRAP_SERVERS, config.bootstrapServers());
        assertEquals(WorkerConfig.DEFAULT_MAX_POLL_RECORDS, config.maxPollRecords());
        assertEquals(16 * 1024 * 1024 + WorkerConfig.RECORD_OVERHEAD_BYTES, config.kafkaMessageBytes());
        assertEquals("huvr-worker-w1", config.transactionalId());
        assertEquals(3, config.encodeOptions().quality());
        assertNull(config.modelPath());
        assertTrue(config.topicsCreate());
        assertTrue(config.encodePsnr());
    }

    @Test
    void environmentOverridesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("worker.properties");
        Files.writeString(file, """
                bootstrap.servers=file:9092
                input.topic=from-file
                encode.quality=2
                producer.compression.type=lz4
                """);
        WorkerConfig config = WorkerConfig.load(file, Map.of(
                "HUVR_KAFKA_BOOTSTRAP_SERVERS", "env:9092",
                "HUVR_KAFKA_MAX_POLL_RECORDS", "5",
                "HUVR_KAFKA_PRODUCER_COMPRESSION_TYPE", "zstd",
                "UNRELATED", "x"));
        assertEquals("env:9092", config.bootstrapServers());
        assertEquals("from-file", config.inputTopic());
        assertEquals(2, config.encodeOptions().quality());
        assertEquals(5, config.maxPollRecords());
        assertEquals(Map.of("compression.type", "zstd"), config.clientOverrides(WorkerConfig.PRODUCER_PREFIX));
        assertEquals("HUVR_KAFKA_DEAD_LETTER_TOPIC", WorkerConfig.environmentVariable(WorkerConfig.DEAD_LETTER_TOPIC));
    }

    @Test
    void invalidValuesFailAtLoad() {
        assertThrows(IllegalArgumentException.class, () -> WorkerConfig.of(Map.of(WorkerConfig.MAX_POLL_RECORDS, "0")));
        assertThrows(IllegalArgumentException.class, () -> WorkerConfig.of(Map.of(WorkerConfig.MAX_RECORD_BYTES, "lots")));
        assertThrows(IllegalArgumentException.class, () -> WorkerConfig.of(Map.of(WorkerConfig.MAX_RECORD_BYTES,
                Integer.toString(WorkerConfig.MAX_MAX_RECORD_BYTES + 1))));
        assertThrows(IllegalArgumentException.class, () -> WorkerConfig.of(Map.of(WorkerConfig.ENCODE_EFFORT, "9")));
        assertThrows(IllegalArgumentException.class, () -> WorkerConfig.of(Map.of(WorkerConfig.TOPICS_CREATE, "yes")));
        assertThrows(IllegalArgumentException.class, () -> WorkerConfig.of(Map.of(WorkerConfig.ENCODE_PSNR, "on")));
        assertThrows(IllegalArgumentException.class, () -> WorkerConfig.of(Map.of(WorkerConfig.TOPICS_REPLICATION_FACTOR, "0")));
        IllegalArgumentException sameTopic = assertThrows(IllegalArgumentException.class,
                () -> WorkerConfig.of(Map.of(WorkerConfig.OUTPUT_TOPIC, WorkerConfig.DEFAULT_INPUT_TOPIC)));
        assertTrue(sameTopic.getMessage().contains("three different topics"), sameTopic.getMessage());
    }
}
