package io.huvr.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Plain clients for the tests: writing inputs and reading what the workers committed. */
final class TestTopics {
    /** How long a topic must stay quiet after the expected count before reading stops (late duplicates show up). */
    private static final Duration QUIET = Duration.ofSeconds(2);

    private TestTopics() {
    }

    /** Writes the records (key to value) and waits until the broker has them all. */
    static void produce(String bootstrap, String topic, Map<String, byte[]> records) throws ExecutionException, InterruptedException {
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            List<Future<?>> sent = new ArrayList<>();
            records.forEach((key, value) -> sent.add(producer.send(new ProducerRecord<>(topic, key, value))));
            for (var future : sent) {
                future.get();
            }
        }
    }

    /** A producer of string keys and byte values, up to 4 MiB. */
    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024,
                // One batch at a time: on a topic created a moment ago a first batch may fail while later ones
                // land, and an idempotent producer then never gets its first sequence number accepted.
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /**
     * The committed records of a topic, from the beginning: read until at least {@code expected} have arrived and
     * then {@link #QUIET} passed without more, or until the timeout.
     */
    static List<ConsumerRecord<String, byte[]>> readCommitted(String bootstrap, String topic, int expected, Duration timeout) {
        return readCommitted(bootstrap, topic, expected, timeout, QUIET);
    }

    /** The committed records of a topic, read until at least {@code expected} have arrived or the timeout. */
    static List<ConsumerRecord<String, byte[]>> awaitCommitted(String bootstrap, String topic, int expected, Duration timeout) {
        return readCommitted(bootstrap, topic, expected, timeout, Duration.ZERO);
    }

    private static List<ConsumerRecord<String, byte[]>> readCommitted(String bootstrap, String topic, int expected,
                                                                      Duration timeout, Duration quiet) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            long quietSince = System.nanoTime();
            while (System.nanoTime() < deadline
                    && (records.size() < expected || System.nanoTime() - quietSince < quiet.toNanos())) {
                int before = records.size();
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (records.size() != before) {
                    quietSince = System.nanoTime();
                }
            }
            return records;
        }
    }
}
