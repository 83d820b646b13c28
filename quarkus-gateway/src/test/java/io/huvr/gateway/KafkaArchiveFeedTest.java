package io.huvr.gateway;

import io.huvr.codec.EncodeOptions;
import io.huvr.codec.model.HuvrModel;
import io.huvr.kafka.HuvrHeaders;
import io.huvr.kafka.ImageEncodeProcessor;
import io.huvr.kafka.ProcessingResult;
import io.huvr.kafka.WorkerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The archive's Kafka feed on a real broker, fed the records the encode workers write: their processor's
 * bitstream and headers, made with the gateway's tiny model.
 */
@QuarkusTest
@WithTestResource(TinyModelResource.class)
@WithTestResource(KafkaBrokerResource.class)
class KafkaArchiveFeedTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static ImageEncodeProcessor workerEncoder;

    @Inject
    GatewayConfig config;

    @Inject
    KafkaArchiveFeed feed;

    @Inject
    MeterRegistry registry;

    @Test
    void servesEachRecordOnceConsumedAndSkipsAndCountsBadOnes() throws Exception {
        double skippedBefore = ingested("skipped");
        ProducerRecord<byte[], byte[]> first = workerRecord(0, "kafka-first", TestImages.gradientPng(16, 8));
        ProducerRecord<byte[], byte[]> afterBad = workerRecord(0, "kafka-after-bad", TestImages.gradientPng(12, 12));
        ProducerRecord<byte[], byte[]> unkeyed = workerRecord(1, null, TestImages.gradientPng(8, 16));
        produce(List.of(
                first,
                unmarkedRecord(0, "kafka-unmarked", first.value()),
                markedRecord(0, "kafka-junk", "HUVR but not really".getBytes(StandardCharsets.US_ASCII)),
                markedRecord(0, "kafka-empty", new byte[0]),
                workerRecord(0, "../escape", TestImages.gradientPng(8, 8)),
                afterBad,
                unkeyed));

        String contentAddressed = ArchiveIngest.CONTENT_ADDRESSED_PREFIX + Sha256.hex(unkeyed.value());
        for (String id : List.of("kafka-first", "kafka-after-bad", contentAddressed)) {
            await(() -> given().get("/v1/images/" + id).statusCode() == 200, id + " is served");
            given().get("/v1/images/" + id).then().statusCode(200).contentType("image/png");
        }
        assertArrayEquals(afterBad.value(), given().get("/v1/images/kafka-after-bad.huvr").then().extract().asByteArray());
        await(() -> ingested("skipped") - skippedBefore >= 4, "the bad records are counted");
        assertEquals(4, ingested("skipped") - skippedBefore);
        for (String id : List.of("kafka-unmarked", "kafka-junk", "kafka-empty")) {
            given().get("/v1/images/" + id).then().statusCode(404);
        }
    }

    @Test
    void storesCommittedTransactionsOnly() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "huvr-test-encoder"))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(workerRecord(0, "kafka-aborted", TestImages.gradientPng(8, 8)));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(workerRecord(0, "kafka-committed", TestImages.gradientPng(8, 12)));
            producer.commitTransaction();
        }
        // Same partition, later offset: once the committed record is served, the aborted one was passed over.
        await(() -> given().get("/v1/images/kafka-committed").statusCode() == 200, "the committed record is served");
        given().get("/v1/images/kafka-aborted").then().statusCode(404);
    }

    @Test
    void rebuildsALostArchiveFromTheTopicAndIsReadyOnceCaughtUp() throws Exception {
        ProducerRecord<byte[], byte[]> record = workerRecord(1, "kafka-rebuilt", TestImages.gradientPng(12, 8));
        produce(List.of(record));
        await(() -> given().get("/v1/images/kafka-rebuilt").statusCode() == 200, "the record is served");

        feed.stop();
        assertFeedReadiness(503, "not_running");
        // The operator's recipe for a lost archive directory: forget the group's offsets, start again.
        deleteArchiveFiles();
        given().get("/v1/images/kafka-rebuilt").then().statusCode(404);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.deleteConsumerGroups(List.of(config.kafka().groupId())).all().get();
        }
        feed.start();

        await(() -> feed.state() == KafkaArchiveFeed.State.CAUGHT_UP, "the feed catches up");
        assertFeedReadiness(200, "caught_up");
        // Caught up means stored: no waiting for the image.
        assertArrayEquals(record.value(), given().get("/v1/images/kafka-rebuilt.huvr").then().statusCode(200)
                .extract().asByteArray());
    }

    private static void assertFeedReadiness(int status, String state) {
        given().get("/q/health/ready").then().statusCode(status)
                .body("checks.find { it.name == 'kafka archive feed' }.data.state", equalTo(state));
    }

    private void deleteArchiveFiles() throws IOException {
        try (Stream<Path> files = Files.list(config.archive().dir())) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }

    private double ingested(String outcome) {
        return registry.counter("huvr.archive.ingested", "outcome", outcome).count();
    }

    /** A record as an encode worker writes it for a PNG input: its processor's bitstream and headers. */
    private ProducerRecord<byte[], byte[]> workerRecord(int partition, String key, byte[] png) throws IOException {
        if (!(workerEncoder().process(png) instanceof ProcessingResult.Converted converted)) {
            throw new AssertionError("the encode workers' processor refused the test image");
        }
        ProducerRecord<byte[], byte[]> record = unmarkedRecord(partition, key, converted.value());
        converted.headers().forEach((name, value) -> HuvrHeaders.put(record.headers(), name, value));
        return record;
    }

    /** A record claiming to be {@code .huvr}, whatever its value. */
    private static ProducerRecord<byte[], byte[]> markedRecord(int partition, String key, byte[] value) {
        ProducerRecord<byte[], byte[]> record = unmarkedRecord(partition, key, value);
        HuvrHeaders.put(record.headers(), HuvrHeaders.CONTENT_TYPE, HuvrHeaders.HUVR_CONTENT_TYPE);
        return record;
    }

    private static ProducerRecord<byte[], byte[]> unmarkedRecord(int partition, String key, byte[] value) {
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(KafkaBrokerResource.TOPIC, partition, keyBytes, value);
    }

    /** The encode workers' processor on the gateway's model, loaded once. */
    private ImageEncodeProcessor workerEncoder() throws IOException {
        synchronized (KafkaArchiveFeedTest.class) {
            if (workerEncoder == null) {
                workerEncoder = new ImageEncodeProcessor(HuvrModel.load(Path.of(config.model())), EncodeOptions.defaults(),
                        config.limits().maxPixels(), WorkerConfig.DEFAULT_MAX_RECORD_BYTES, WorkerConfig.DEFAULT_ENCODE_PSNR);
            }
            return workerEncoder;
        }
    }

    private void produce(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = producer(Map.of())) {
            for (ProducerRecord<byte[], byte[]> record : records) {
                producer.send(record).get();
            }
        }
    }

    private KafkaProducer<byte[], byte[]> producer(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(extra);
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private String bootstrapServers() {
        return config.kafka().bootstrapServers().orElseThrow();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what + " within " + PATIENCE);
            Thread.sleep(100);
        }
    }
}
