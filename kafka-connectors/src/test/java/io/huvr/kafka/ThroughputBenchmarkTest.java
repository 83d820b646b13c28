package io.huvr.kafka;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Records/s of an encode worker through the broker with the tiny model, on the 200x190 photo. Opt-in:
 * {@code mvn -pl kafka-connectors test -Dtest=ThroughputBenchmarkTest -Dhuvr.kafka.benchmark=true
 * [-Dhuvr.kafka.benchmark.records=200] [-Dhuvr.kafka.benchmark.threads=2]}.
 */
@EnabledIfSystemProperty(named = "huvr.kafka.benchmark", matches = "true")
class ThroughputBenchmarkTest {
    @RegisterExtension
    static final KafkaBroker BROKER = new KafkaBroker();

    @Test
    void encodeThroughput() throws Exception {
        int records = Integer.getInteger("huvr.kafka.benchmark.records", 100);
        String threads = System.getProperty("huvr.kafka.benchmark.threads", "1");
        byte[] photo = TestImages.photo("ihc_200x190.png");
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        for (int i = 0; i < records; i++) {
            inputs.put("photo-" + i, photo);
        }
        WorkerConfig config = WorkerConfig.of(Map.of(
                WorkerConfig.BOOTSTRAP_SERVERS, BROKER.bootstrapServers(),
                WorkerConfig.WORKER_ID, "bench",
                WorkerConfig.INPUT_TOPIC, "bench-raw",
                WorkerConfig.OUTPUT_TOPIC, "bench-huvr",
                WorkerConfig.CODEC_THREADS, threads));
        TopicSetup.createMissingTopics(config);
        TestTopics.produce(BROKER.bootstrapServers(), "bench-raw", inputs);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (StreamWorker worker = StreamWorker.encoder(config, TestModels.tiny(), registry)) {
            long start = System.nanoTime();
            worker.start();
            int done = TestTopics.awaitCommitted(BROKER.bootstrapServers(), "bench-huvr", records, Duration.ofMinutes(10)).size();
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(records, done);
            Timer latency = registry.get(WorkerMetrics.RECORD_LATENCY).timer();
            System.out.printf("encode worker, tiny model, 200x190 photo, %s codec thread(s): %d records in %.1f s = %.1f records/s"
                            + " (start-up included); codec %.0f ms/record mean, %d transactions%n",
                    threads, records, seconds, records / seconds, latency.mean(TimeUnit.MILLISECONDS),
                    (long) registry.get(WorkerMetrics.TRANSACTIONS).tag("result", "committed").counter().count());
        }
    }
}
