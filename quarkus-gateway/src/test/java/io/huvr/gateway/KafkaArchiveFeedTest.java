package io.huvr.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The archive's Kafka feed: which records it stores, and the poll loop's commits (on a MockConsumer). */
@QuarkusTest
@WithTestResource(TinyModelResource.class)
class KafkaArchiveFeedTest {
    private static final String TOPIC = "huvr-output";

    @Inject
    ArchiveIngest ingest;

    @Inject
    ImageArchive archive;

    @Inject
    MeterRegistry registry;

    @Test
    void storesHuvrRecordsUnderTheirKeyOnceAndSkipsTheRest() throws Exception {
        Counter skipped = registry.counter("huvr.archive.ingested", "outcome", "skipped");
        double skippedBefore = skipped.count();
        byte[] bitstream = CodecEndpointsTest.encode(TestImages.gradientPng(16, 16));

        assertEquals(ArchiveIngest.Outcome.STORED, ingest.ingest(record(0, "from-kafka", bitstream, true)));
        assertEquals(ArchiveIngest.Outcome.ALREADY_STORED, ingest.ingest(record(1, "from-kafka", bitstream, true)));
        given().get("/v1/images/from-kafka").then().statusCode(200).contentType("image/png");

        assertEquals(ArchiveIngest.Outcome.STORED, ingest.ingest(record(2, null, bitstream, true)));
        String contentAddressed = ArchiveIngest.CONTENT_ADDRESSED_PREFIX + Sha256.hex(bitstream);
        assertArrayEquals(bitstream, archive.find(contentAddressed).orElseThrow().bitstream());

        assertEquals(ArchiveIngest.Outcome.SKIPPED, ingest.ingest(record(3, "unmarked", bitstream, false)));
        assertEquals(ArchiveIngest.Outcome.SKIPPED, ingest.ingest(record(4, "../escape", bitstream, true)));
        assertEquals(ArchiveIngest.Outcome.SKIPPED,
                ingest.ingest(record(5, "junk", "HUVR but not really".getBytes(StandardCharsets.US_ASCII), true)));
        assertEquals(ArchiveIngest.Outcome.SKIPPED, ingest.ingest(record(6, "empty", new byte[0], true)));
        assertTrue(archive.find("unmarked").isEmpty());
        assertTrue(archive.find("junk").isEmpty());
        assertEquals(4, skipped.count() - skippedBefore);
    }

    @Test
    void pollsStoresAndCommitsEachPartition() throws Exception {
        byte[] first = CodecEndpointsTest.encode(TestImages.gradientPng(16, 8));
        byte[] second = CodecEndpointsTest.encode(TestImages.gradientPng(8, 16));
        TopicPartition p0 = new TopicPartition(TOPIC, 0);
        TopicPartition p1 = new TopicPartition(TOPIC, 1);
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(p0, p1));
            consumer.updateBeginningOffsets(Map.of(p0, 0L, p1, 0L));
            consumer.addRecord(record(p0, 0, "polled-a", first, true));
            consumer.addRecord(record(p0, 1, "polled-skipped", first, false));
            consumer.addRecord(record(p1, 0, "polled-b", second, true));
        });
        ArchiveFeedLoop loop = new ArchiveFeedLoop(consumer, TOPIC, ingest, Duration.ofMillis(10));
        Thread thread = new Thread(loop, "test-archive-feed");
        thread.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (committed(consumer, p0) < 2 || committed(consumer, p1) < 1) {
                assertTrue(System.nanoTime() < deadline, "offsets were not committed");
                Thread.sleep(20);
            }
        } finally {
            loop.stop();
            thread.join(5000);
        }
        assertTrue(consumer.closed(), "the loop closes its consumer");
        assertArrayEquals(first, archive.find("polled-a").orElseThrow().bitstream());
        assertArrayEquals(second, archive.find("polled-b").orElseThrow().bitstream());
        assertTrue(archive.find("polled-skipped").isEmpty());
    }

    private static long committed(MockConsumer<byte[], byte[]> consumer, TopicPartition partition) {
        OffsetAndMetadata offset = consumer.committed(Set.of(partition)).get(partition);
        return offset == null ? -1 : offset.offset();
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, String key, byte[] value, boolean markedHuvr) {
        return record(new TopicPartition(TOPIC, 0), offset, key, value, markedHuvr);
    }

    private static ConsumerRecord<byte[], byte[]> record(TopicPartition partition, long offset, String key, byte[] value,
                                                         boolean markedHuvr) {
        RecordHeaders headers = new RecordHeaders();
        if (markedHuvr) {
            headers.add(ArchiveIngest.CONTENT_TYPE_HEADER, ArchiveIngest.HUVR_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        }
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        return new ConsumerRecord<>(partition.topic(), partition.partition(), offset, 0L, TimestampType.CREATE_TIME,
                keyBytes == null ? -1 : keyBytes.length, value.length, keyBytes, value, headers, Optional.empty());
    }
}
