package io.huvr.kafka;

import io.huvr.codec.EncodeOptions;
import io.huvr.codec.HuvrDecoder;
import io.huvr.codec.HuvrEncoder;
import io.huvr.codec.image.Images;
import io.huvr.codec.metrics.ImageMetrics;
import io.huvr.codec.model.HuvrModel;
import io.huvr.format.HuvrReader;
import io.huvr.format.MetadataKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.awt.image.BufferedImage;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Encode and decode workers against a real in-process KRaft broker. */
class StreamWorkerTest {
    @RegisterExtension
    static final KafkaBroker BROKER = new KafkaBroker();

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private static HuvrModel model;

    @BeforeAll
    static void loadModel() {
        model = TestModels.tiny();
    }

    @Test
    void encodesEveryImageExactlyOnceAndDeadLettersBadRecords() throws Exception {
        int n = 10;
        Map<String, byte[]> inputs = images("photo", n);
        inputs.put("ihc-photo", TestImages.photo("ihc_200x190.png"));
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("not-an-image", "plain text, not a PNG".getBytes());
        bad.put("truncated-png", Arrays.copyOf(TestImages.png(3), 60));
        bad.put("oversized", TestImages.photo("hubble_320x256.png")); // 155 kB
        Map<String, String> reasons = Map.of("not-an-image", DeadLetterReason.UNREADABLE_IMAGE.name(),
                "truncated-png", DeadLetterReason.UNREADABLE_IMAGE.name(), "oversized", DeadLetterReason.TOO_LARGE.name());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // Two codec threads share the model: each output is checked against the decoder below.
        WorkerConfig config = config("enc1", "raw1", "huvr1", "dlq1", 3, Map.of(WorkerConfig.ENCODE_QUALITY, "2",
                WorkerConfig.MAX_RECORD_BYTES, Integer.toString(100 * 1024), WorkerConfig.CODEC_THREADS, "2"));

        try (StreamWorker worker = StreamWorker.encoder(config, model, registry)) {
            worker.start();
            Map<String, byte[]> all = new LinkedHashMap<>(inputs);
            all.putAll(bad);
            TestTopics.produce(BROKER.bootstrapServers(), "raw1", all);
            List<ConsumerRecord<String, byte[]>> encoded = TestTopics.readCommitted(BROKER.bootstrapServers(), "huvr1", inputs.size(), TIMEOUT);
            List<ConsumerRecord<String, byte[]>> dead = TestTopics.readCommitted(BROKER.bootstrapServers(), "dlq1", bad.size(), TIMEOUT);

            assertExactlyOnce(inputs.keySet(), encoded);
            HuvrDecoder decoder = new HuvrDecoder(model);
            for (ConsumerRecord<String, byte[]> record : encoded) {
                BufferedImage source = Images.readRgb(inputs.get(record.key()));
                BufferedImage decoded = decoder.decode(record.value());
                assertEquals(source.getWidth(), decoded.getWidth(), record.key());
                assertEquals(source.getHeight(), decoded.getHeight(), record.key());
                assertEquals(HuvrHeaders.HUVR_CONTENT_TYPE, header(record, HuvrHeaders.CONTENT_TYPE));
                assertEquals(Integer.toString(source.getWidth()), header(record, HuvrHeaders.WIDTH));
                assertEquals(Integer.toString(source.getHeight()), header(record, HuvrHeaders.HEIGHT));
                assertEquals(model.sha256Hex(), header(record, HuvrHeaders.MODEL_SHA256));
                assertEquals("2", header(record, HuvrHeaders.QUALITY));
                assertEquals(Integer.toString(inputs.get(record.key()).length), header(record, HuvrHeaders.SOURCE_BYTES));
            }

            assertEquals(reasons, dead.stream().collect(Collectors.toMap(ConsumerRecord::key, r -> header(r, HuvrHeaders.ERROR_REASON))));
            for (ConsumerRecord<String, byte[]> record : dead) {
                assertEquals("raw1", header(record, HuvrHeaders.SOURCE_TOPIC));
                assertTrue(header(record, HuvrHeaders.ERROR_MESSAGE).length() > 0);
                assertTrue(Arrays.equals(bad.get(record.key()), record.value()), "the dead letter keeps the input value");
            }
            assertEquals(inputs.size(), registry.get(WorkerMetrics.RECORDS).tag("result", "converted").counter().count());
            assertEquals(bad.size(), registry.get(WorkerMetrics.RECORDS).tag("result", "dead-letter").counter().count());
            assertTrue(registry.get(WorkerMetrics.TRANSACTIONS).tag("result", "committed").counter().count() >= 1);
            assertTrue(registry.get(WorkerMetrics.RECORD_LATENCY).timer().count() >= all.size(), "every record was timed");
        }
    }

    @Test
    void encodedRecordsCarryThePsnrOfTheirOwnDecodingUnlessTurnedOff() throws Exception {
        Map<String, byte[]> inputs = images("psnr", 3);
        inputs.put("psnr-photo", TestImages.photo("ihc_200x190.png"));
        Map<String, byte[]> unmeasured = images("plain", 2);
        HuvrDecoder decoder = new HuvrDecoder(model);
        try (StreamWorker measuring = StreamWorker.encoder(config("grp8", "raw8", "huvr8", "dlq8", 2, Map.of()),
                     model, new SimpleMeterRegistry());
             StreamWorker plain = StreamWorker.encoder(config("grp9", "raw9", "huvr9", "dlq9", 1,
                     Map.of(WorkerConfig.ENCODE_PSNR, "false")), model, new SimpleMeterRegistry())) {
            measuring.start();
            plain.start();
            TestTopics.produce(BROKER.bootstrapServers(), "raw8", inputs);
            TestTopics.produce(BROKER.bootstrapServers(), "raw9", unmeasured);

            List<ConsumerRecord<String, byte[]>> encoded = TestTopics.readCommitted(BROKER.bootstrapServers(), "huvr8", inputs.size(), TIMEOUT);
            assertExactlyOnce(inputs.keySet(), encoded);
            for (ConsumerRecord<String, byte[]> record : encoded) {
                String stamped = HuvrReader.read(record.value()).header().getMetadataMap().get(MetadataKeys.PSNR_RGB);
                assertNotNull(stamped, record.key() + " has no " + MetadataKeys.PSNR_RGB);
                assertTrue(stamped.matches("\\d+\\.\\d\\d"), record.key() + ": two decimals with a dot, got " + stamped);
                BufferedImage source = Images.readRgb(inputs.get(record.key()));
                double recomputed = ImageMetrics.all(source, decoder.decode(record.value())).psnrRgb();
                // Two decimals round by up to 0.005 dB.
                assertEquals(recomputed, Double.parseDouble(stamped), 0.005 + 1e-9, record.key());
            }
            for (ConsumerRecord<String, byte[]> record : TestTopics.readCommitted(BROKER.bootstrapServers(), "huvr9", unmeasured.size(), TIMEOUT)) {
                assertFalse(HuvrReader.read(record.value()).header().containsMetadata(MetadataKeys.PSNR_RGB),
                        record.key() + " was measured with " + WorkerConfig.ENCODE_PSNR + "=false");
            }
        }
    }

    @Test
    void decodesBitstreamsToPngAndDeadLettersCorruptAndForeignOnes() throws Exception {
        HuvrEncoder encoder = new HuvrEncoder(model);
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        Map<String, BufferedImage> sources = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            BufferedImage source = Images.readRgb(TestImages.png(i));
            sources.put("b" + i, source);
            inputs.put("b" + i, encoder.encode(source, EncodeOptions.defaults()));
        }
        byte[] valid = inputs.get("b0");
        byte[] flipped = valid.clone();
        flipped[flipped.length - 3] ^= 0x55;
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("flipped", flipped);
        bad.put("foreign", new HuvrEncoder(TestModels.other(2)).encode(sources.get("b1"), EncodeOptions.defaults()));
        WorkerConfig config = config("dec1", "huvr-in2", "png2", "dlq2", 2, Map.of());

        try (StreamWorker worker = StreamWorker.decoder(config, model, new SimpleMeterRegistry())) {
            worker.start();
            Map<String, byte[]> all = new LinkedHashMap<>(inputs);
            all.putAll(bad);
            TestTopics.produce(BROKER.bootstrapServers(), "huvr-in2", all);
            List<ConsumerRecord<String, byte[]>> decoded = TestTopics.readCommitted(BROKER.bootstrapServers(), "png2", inputs.size(), TIMEOUT);
            List<ConsumerRecord<String, byte[]>> dead = TestTopics.readCommitted(BROKER.bootstrapServers(), "dlq2", bad.size(), TIMEOUT);

            assertExactlyOnce(inputs.keySet(), decoded);
            for (ConsumerRecord<String, byte[]> record : decoded) {
                BufferedImage png = Images.readRgb(record.value());
                BufferedImage expected = new HuvrDecoder(model).decode(inputs.get(record.key()));
                assertEquals(sources.get(record.key()).getWidth(), png.getWidth());
                assertTrue(Arrays.equals(Images.pixels(expected), Images.pixels(png)), "the PNG holds the decoded pixels");
                assertEquals(HuvrHeaders.PNG_CONTENT_TYPE, header(record, HuvrHeaders.CONTENT_TYPE));
                assertEquals(Integer.toString(EncodeOptions.DEFAULT_QUALITY), header(record, HuvrHeaders.QUALITY));
            }
            assertEquals(Map.of("flipped", DeadLetterReason.CORRUPT_BITSTREAM.name(), "foreign", DeadLetterReason.WRONG_MODEL.name()),
                    dead.stream().collect(Collectors.toMap(ConsumerRecord::key, r -> header(r, HuvrHeaders.ERROR_REASON))));
        }
    }

    @Test
    void recordsAboveKafkasOneMegabyteDefaultGetThroughWithTheWorkersLimits() throws Exception {
        BufferedImage large = new BufferedImage(800, 640, BufferedImage.TYPE_INT_RGB);
        large.setRGB(0, 0, 0xff8000);
        byte[] bmp = TestImages.encode(large, "bmp"); // 1.5 MB uncompressed, past the broker's 1 MiB default
        // The pixel limit sends it to the dead-letter topic at once, value and all, without encoding it.
        WorkerConfig config = config("grp7", "raw7", "huvr7", "dlq7", 1, Map.of(WorkerConfig.MAX_IMAGE_PIXELS, "100000"));
        try (StreamWorker worker = StreamWorker.encoder(config, model, new SimpleMeterRegistry())) {
            worker.start();
            TestTopics.produce(BROKER.bootstrapServers(), "raw7", Map.of("large", bmp, "small", TestImages.png(1)));

            assertExactlyOnce(Set.of("small"), TestTopics.readCommitted(BROKER.bootstrapServers(), "huvr7", 1, TIMEOUT));
            List<ConsumerRecord<String, byte[]>> dead = TestTopics.readCommitted(BROKER.bootstrapServers(), "dlq7", 1, TIMEOUT);
            assertEquals(1, dead.size());
            assertEquals(DeadLetterReason.TOO_LARGE.name(), header(dead.get(0), HuvrHeaders.ERROR_REASON));
            assertTrue(bmp.length > 1024 * 1024 && Arrays.equals(bmp, dead.get(0).value()), "the large value is forwarded whole");
        }
    }

    @Test
    void twoWorkersShareSixPartitionsAndStoppingOneHandsItsPartitionsOver() throws Exception {
        Map<String, byte[]> inputs = images("shared", 24);
        SimpleMeterRegistry firstMetrics = new SimpleMeterRegistry();
        SimpleMeterRegistry secondMetrics = new SimpleMeterRegistry();
        try (StreamWorker first = StreamWorker.encoder(config("grp3", "raw3", "huvr3", "dlq3", 6,
                     Map.of(WorkerConfig.WORKER_ID, "first", WorkerConfig.MAX_POLL_RECORDS, "2")), model, firstMetrics);
             StreamWorker second = StreamWorker.encoder(config("grp3", "raw3", "huvr3", "dlq3", 6,
                     Map.of(WorkerConfig.WORKER_ID, "second", WorkerConfig.MAX_POLL_RECORDS, "2")), model, secondMetrics)) {
            first.start();
            second.start();
            await(() -> !first.assignment().isEmpty() && !second.assignment().isEmpty()
                    && first.assignment().size() + second.assignment().size() == 6, "both workers to own partitions");

            TestTopics.produce(BROKER.bootstrapServers(), "raw3", inputs);
            await(() -> converted(firstMetrics) >= 2 && converted(secondMetrics) >= 2, "both workers to convert records");
            first.close();
            await(() -> second.assignment().size() == 6, "the second worker to own all six partitions");

            assertExactlyOnce(inputs.keySet(), TestTopics.readCommitted(BROKER.bootstrapServers(), "huvr3", inputs.size(), TIMEOUT));
            assertTrue(first.isStopped());
        }
    }

    @Test
    void brokerRestartInTheMiddleLosesAndDuplicatesNothing() throws Exception {
        Map<String, byte[]> inputs = images("restart", 30);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        WorkerConfig config = config("grp4", "raw4", "huvr4", "dlq4", 3, Map.of(WorkerConfig.MAX_POLL_RECORDS, "2",
                WorkerConfig.PRODUCER_PREFIX + "max.block.ms", "10000"));
        try (StreamWorker worker = StreamWorker.encoder(config, model, registry)) {
            worker.start();
            TestTopics.produce(BROKER.bootstrapServers(), "raw4", inputs);
            await(() -> converted(registry) >= 4, "the first records to be converted");
            double convertedBeforeRestart = converted(registry);
            BROKER.restart();
            assertTrue(convertedBeforeRestart < inputs.size(), "the broker restarted while records were waiting");

            assertExactlyOnce(inputs.keySet(), TestTopics.readCommitted(BROKER.bootstrapServers(), "huvr4", inputs.size(), TIMEOUT));
            assertTrue(!worker.isStopped(), "the worker rides out the restart");
        }
    }

    @Test
    void aTransactionThatOutlivesItsTimeoutIsAbortedAndItsRecordsProcessedAgain() throws Exception {
        Map<String, byte[]> inputs = images("slow", 6);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // 6 s between polls, hence a 6 s transaction timeout, and a second record that takes 9 s: the first one's
        // output has started the transaction on the broker, which aborts it while the second is encoded.
        WorkerConfig config = config("grp6", "raw6", "huvr6", "dlq6", 1, Map.of(WorkerConfig.MAX_POLL_INTERVAL_MS, "6000"));
        RecordProcessor encoder = new ImageEncodeProcessor(model, config.encodeOptions(), config.maxImagePixels(), config.maxRecordBytes(),
                config.encodePsnr());
        AtomicInteger calls = new AtomicInteger();
        RecordProcessor slowSecond = value -> {
            if (calls.incrementAndGet() == 2) {
                sleep(Duration.ofSeconds(9));
            }
            return encoder.process(value);
        };
        try (StreamWorker worker = new StreamWorker(config, "encode", slowSecond, registry)) {
            worker.start();
            TestTopics.produce(BROKER.bootstrapServers(), "raw6", inputs);

            assertExactlyOnce(inputs.keySet(), TestTopics.readCommitted(BROKER.bootstrapServers(), "huvr6", inputs.size(), TIMEOUT));
            assertTrue(registry.get(WorkerMetrics.TRANSACTIONS).tag("result", "aborted").counter().count() >= 1,
                    "the slow transaction was aborted");
            assertTrue(!worker.isStopped(), "the worker goes on after an abort");
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double converted(SimpleMeterRegistry registry) {
        return registry.get(WorkerMetrics.RECORDS).tag("result", "converted").counter().count();
    }

    /** A worker configuration for the test broker with its own topics and group. */
    static WorkerConfig config(String group, String input, String output, String deadLetter, int partitions,
                               Map<String, String> more) {
        Map<String, String> values = new HashMap<>(Map.of(
                WorkerConfig.BOOTSTRAP_SERVERS, BROKER.bootstrapServers(),
                WorkerConfig.GROUP_ID, group,
                WorkerConfig.WORKER_ID, group + "-w",
                WorkerConfig.INPUT_TOPIC, input,
                WorkerConfig.OUTPUT_TOPIC, output,
                WorkerConfig.DEAD_LETTER_TOPIC, deadLetter,
                WorkerConfig.TOPICS_PARTITIONS, Integer.toString(partitions),
                WorkerConfig.MAX_POLL_RECORDS, "3"));
        values.putAll(more);
        return WorkerConfig.of(values);
    }

    static Map<String, byte[]> images(String prefix, int n) {
        Map<String, byte[]> images = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            images.put(prefix + "-" + i, TestImages.png(i));
        }
        return images;
    }

    /** One output per input key, and no two outputs with the same value. */
    static void assertExactlyOnce(Set<String> keys, List<ConsumerRecord<String, byte[]>> outputs) {
        assertEquals(keys.size(), outputs.size(), "outputs: " + outputs.stream().map(ConsumerRecord::key).sorted().toList());
        assertEquals(keys, outputs.stream().map(ConsumerRecord::key).collect(Collectors.toSet()));
        assertEquals(keys.size(), outputs.stream().map(r -> sha256(r.value())).distinct().count(), "distinct values");
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        return HuvrHeaders.get(record.headers(), name);
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
