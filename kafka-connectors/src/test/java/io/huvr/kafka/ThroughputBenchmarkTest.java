package io.huvr.kafka;

import io.huvr.kafka.ProcessingResult.Converted;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End-to-end images/s and per-image latency of encode workers through the broker, against the codec alone on the
 * same images in the same JVM: the tiny model on four real photos (200x190 to 600x400), 1 and 2 workers sharing a
 * 6-partition topic. Opt-in: {@code OMP_NUM_THREADS=1 mvn -pl kafka-connectors test -Dtest=ThroughputBenchmarkTest
 * -Dhuvr.kafka.benchmark=true [-Dhuvr.kafka.benchmark.records=60] [-Dhuvr.kafka.benchmark.threads=1]} (codec
 * threads per worker; one OpenMP thread each, or on a busy machine ND4J's OpenMP threads swamp the comparison).
 *
 * <p>Images/s is measured on a backlog: all images produced at once, from the first producer timestamp to the last
 * output timestamp. Latency, producer timestamp to output timestamp (the output topic stamps records with the
 * broker's append time), is measured separately at half that rate, so that it shows the pipeline and not a queue.
 * The overhead ratio is the codec's images/s with the same number of codec threads over the pipeline's.
 */
@EnabledIfSystemProperty(named = "huvr.kafka.benchmark", matches = "true")
class ThroughputBenchmarkTest {
    @RegisterExtension
    static final KafkaBroker BROKER = new KafkaBroker();

    private static final int PARTITIONS = 6;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    /** The workers' defaults (quality 3, effort 0, size limits), so the codec alone does exactly the workers' work. */
    private static final WorkerConfig DEFAULTS = WorkerConfig.of(Map.of());

    /** One row of the table; latencies in milliseconds. */
    private record Measure(String setup, double imagesPerSecond, double medianMillis, double p95Millis) {
        Measure(String setup, double imagesPerSecond, List<Double> latencies) {
            this(setup, imagesPerSecond, percentile(latencies, 0.5), percentile(latencies, 0.95));
        }

        private static double percentile(List<Double> latencies, double fraction) {
            List<Double> sorted = latencies.stream().sorted().toList();
            return sorted.get((int) Math.ceil(fraction * sorted.size()) - 1);
        }
    }

    @Test
    void workersAgainstTheCodecAlone() throws Exception {
        int records = Integer.getInteger("huvr.kafka.benchmark.records", 60);
        int threads = Integer.getInteger("huvr.kafka.benchmark.threads", 1);
        List<byte[]> photos = List.of(TestImages.photo("ihc_200x190.png"), TestImages.photo("hubble_320x256.png"),
                TestImages.sample("chelsea.png"), TestImages.sample("coffee.png"));
        List<byte[]> images = IntStream.range(0, records).mapToObj(i -> photos.get(i % photos.size())).toList();

        RecordProcessor codec = new ImageEncodeProcessor(TestModels.tiny(), DEFAULTS.encodeOptions(),
                DEFAULTS.maxImagePixels(), DEFAULTS.maxRecordBytes(), DEFAULTS.encodePsnr());
        codecAlone(codec, images, 2 * threads); // a first pass warms the JIT up, as the workers' warm-up does for them
        Measure codecOneWorker = codecAlone(codec, images, threads);
        Measure codecTwoWorkers = codecAlone(codec, images, 2 * threads);
        Measure oneWorker = throughWorkers(1, threads, images);
        Measure twoWorkers = throughWorkers(2, threads, images);

        System.out.printf("%ntiny model, 4 photos, %d images, %d codec thread(s) per worker. Latency: codec only, one encode"
                + " at full load; workers, producer to output timestamp at half their images/s%n", records, threads);
        System.out.printf("%-28s %9s %10s %8s %9s%n", "setup", "images/s", "median ms", "p95 ms", "overhead");
        for (Measure measure : List.of(codecOneWorker, codecTwoWorkers)) {
            print(measure, 1);
        }
        print(oneWorker, codecOneWorker.imagesPerSecond() / oneWorker.imagesPerSecond());
        print(twoWorkers, codecTwoWorkers.imagesPerSecond() / twoWorkers.imagesPerSecond());
    }

    private static void print(Measure measure, double overhead) {
        System.out.printf("%-28s %9.2f %10.0f %8.0f %9.2f%n", measure.setup(), measure.imagesPerSecond(),
                measure.medianMillis(), measure.p95Millis(), overhead);
    }

    /** The codec on a pool of threads, no Kafka: latency is the time of one encode. */
    private static Measure codecAlone(RecordProcessor codec, List<byte[]> images, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Double>> encodes = images.stream().<Callable<Double>>map(image -> () -> {
                long start = System.nanoTime();
                assertInstanceOf(Converted.class, codec.process(image));
                return (System.nanoTime() - start) / 1e6;
            }).toList();
            long start = System.nanoTime();
            List<Double> latencies = new ArrayList<>();
            for (Future<Double> latency : pool.invokeAll(encodes)) {
                latencies.add(latency.get());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Measure("codec only, " + threads + " thread(s)", images.size() / seconds, latencies);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Encode workers sharing one group and a 6-partition input topic, each on its own partitions. */
    private static Measure throughWorkers(int workerCount, int threads, List<byte[]> images) throws Exception {
        String run = "bench-" + workerCount + "w";
        String input = run + "-raw";
        String output = run + "-huvr";
        createTopics(input, output);
        List<StreamWorker> workers = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = TestTopics.producer(BROKER.bootstrapServers())) {
            for (int i = 0; i < workerCount; i++) {
                StreamWorker worker = StreamWorker.encoder(WorkerConfig.of(Map.of(
                        WorkerConfig.BOOTSTRAP_SERVERS, BROKER.bootstrapServers(),
                        WorkerConfig.GROUP_ID, run,
                        WorkerConfig.WORKER_ID, run + "-" + i,
                        WorkerConfig.INPUT_TOPIC, input,
                        WorkerConfig.OUTPUT_TOPIC, output,
                        WorkerConfig.DEAD_LETTER_TOPIC, run + "-dead-letter",
                        WorkerConfig.CODEC_THREADS, Integer.toString(threads))), TestModels.tiny(), new SimpleMeterRegistry());
                workers.add(worker);
                worker.start();
            }
            awaitBalanced(workers);
            // Two images on every partition, all through before the clock starts: each worker's poll loop,
            // transactions and codec threads are warm.
            int produced = 2 * PARTITIONS;
            for (int i = 0; i < produced; i++) {
                producer.send(new ProducerRecord<>(input, i % PARTITIONS, "warm-up-" + i, images.get(i % images.size())));
            }
            outputTimestamps(output, produced, "warm-up-");

            List<Future<RecordMetadata>> backlog = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                backlog.add(producer.send(new ProducerRecord<>(input, "backlog-" + i, images.get(i))));
            }
            long first = Long.MAX_VALUE;
            for (Future<RecordMetadata> sent : backlog) {
                first = Math.min(first, sent.get().timestamp());
            }
            produced += images.size();
            long last = outputTimestamps(output, produced, "backlog-").values().stream().mapToLong(Long::longValue).max().orElseThrow();
            double imagesPerSecond = images.size() / ((last - first) / 1e3);

            // Paced at half the backlog's rate: each image should find a worker free.
            int paced = Math.max(PARTITIONS, images.size() / 2);
            long intervalNanos = (long) (2e9 / imagesPerSecond);
            Map<String, Long> pacedSent = new HashMap<>();
            long next = System.nanoTime();
            for (int i = 0; i < paced; i++) {
                Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
                next += intervalNanos;
                pacedSent.put("paced-" + i, producer.send(new ProducerRecord<>(input, "paced-" + i, images.get(i % images.size())))
                        .get().timestamp());
            }
            produced += paced;
            Map<String, Long> pacedDone = outputTimestamps(output, produced, "paced-");
            List<Double> latencies = pacedSent.entrySet().stream()
                    .map(sent -> (double) (pacedDone.get(sent.getKey()) - sent.getValue())).toList();
            return new Measure(workerCount + " worker(s), 6 partitions", imagesPerSecond, latencies);
        } finally {
            for (StreamWorker worker : workers) {
                worker.close();
            }
        }
    }

    /** The topics as the workers would create them, but the output stamped with the broker's append time. */
    private static void createTopics(String input, String output) throws Exception {
        String messageBytes = Integer.toString(DEFAULTS.kafkaMessageBytes());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers()))) {
            admin.createTopics(List.of(
                    new NewTopic(input, PARTITIONS, (short) 1).configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, messageBytes)),
                    new NewTopic(output, PARTITIONS, (short) 1).configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, messageBytes,
                            TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime")))).all().get();
        }
    }

    private static void awaitBalanced(List<StreamWorker> workers) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (workers.stream().anyMatch(w -> w.assignment().isEmpty())
                || workers.stream().mapToInt(w -> w.assignment().size()).sum() != PARTITIONS) {
            assertTrue(System.nanoTime() < deadline, "the workers never shared the partitions");
            Thread.sleep(100);
        }
    }

    /** Output timestamps by key, of the keys with the prefix, once the output holds {@code total} records. */
    private static Map<String, Long> outputTimestamps(String output, int total, String keyPrefix) {
        List<ConsumerRecord<String, byte[]>> outputs = TestTopics.awaitCommitted(BROKER.bootstrapServers(), output, total, TIMEOUT);
        assertEquals(total, outputs.size());
        Map<String, Long> timestamps = new HashMap<>();
        outputs.stream().filter(r -> r.key().startsWith(keyPrefix)).forEach(r -> timestamps.put(r.key(), r.timestamp()));
        return timestamps;
    }
}
