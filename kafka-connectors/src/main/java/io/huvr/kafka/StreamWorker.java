package io.huvr.kafka;

import io.huvr.codec.model.HuvrModel;
import io.huvr.kafka.ProcessingResult.Converted;
import io.huvr.kafka.ProcessingResult.Rejected;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Consumes an input topic, runs each record through a {@link RecordProcessor} and produces the results to an output
 * topic (or the dead-letter topic), exactly once: every poll's output and its input offsets are committed in one
 * Kafka transaction, read back with {@code isolation.level=read_committed}.
 *
 * <p>One thread polls and produces; the codec runs on a fixed pool of {@link WorkerConfig#CODEC_THREADS}. When a
 * transaction fails the worker aborts it (replacing its producer when fenced), rewinds the consumer to the committed
 * offsets and goes on. It stops when closed, when another live instance joins the group with the same
 * {@link WorkerConfig#WORKER_ID}, or when the cluster refuses it (authorization, unsupported version).
 */
public final class StreamWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamWorker.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** Generous per-record (and per-header) framing in a record batch: varint lengths, attributes, deltas. */
    private static final int RECORD_FRAMING_BYTES = 64;

    private final WorkerConfig config;
    private final String role;
    private final RecordProcessor processor;
    private final WorkerMetrics metrics;
    private final ExecutorService codecThreads;
    private final Thread pollThread;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private volatile boolean closing;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile Set<TopicPartition> assignment = Set.of();
    private volatile Throwable failure;

    private KafkaProducer<byte[], byte[]> producer;

    /**
     * A worker of any role; {@link #encoder} and {@link #decoder} build the two the codec needs.
     *
     * @param role names the worker in thread names and metric tags
     */
    public StreamWorker(WorkerConfig config, String role, RecordProcessor processor, MeterRegistry registry) {
        this.config = config;
        this.role = role;
        this.processor = processor;
        this.metrics = new WorkerMetrics(registry, role, config.workerId());
        AtomicInteger threadNumber = new AtomicInteger();
        this.codecThreads = Executors.newFixedThreadPool(config.codecThreads(), r -> {
            Thread t = new Thread(r, "huvr-" + role + "-codec-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.pollThread = new Thread(this::run, "huvr-" + role + "-" + config.workerId());
    }

    /** A worker that encodes images from the input topic to {@code .huvr} records. */
    public static StreamWorker encoder(WorkerConfig config, HuvrModel model, MeterRegistry registry) {
        return new StreamWorker(config, "encode",
                new ImageEncodeProcessor(model, config.encodeOptions(), config.maxImagePixels(), config.maxRecordBytes(),
                        config.encodePsnr()),
                registry);
    }

    /** A worker that decodes {@code .huvr} records from the input topic to PNG. */
    public static StreamWorker decoder(WorkerConfig config, HuvrModel model, MeterRegistry registry) {
        return new StreamWorker(config, "decode",
                new HuvrDecodeProcessor(model, config.maxImagePixels(), config.maxRecordBytes()), registry);
    }

    /** Creates the missing topics (when {@link WorkerConfig#TOPICS_CREATE} is set) and starts consuming. */
    public void start() throws InterruptedException {
        if (config.topicsCreate()) {
            TopicSetup.createMissingTopics(config);
        }
        pollThread.start();
    }

    /** The input partitions assigned to this worker now. */
    public Set<TopicPartition> assignment() {
        return assignment;
    }

    /** Whether the worker has stopped, after {@link #close()} or a fatal error. */
    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    /** Waits until a started worker stops; returns the error that stopped it, or null after a {@link #close()}. */
    public Throwable awaitStop() throws InterruptedException {
        stopped.await();
        return failure;
    }

    /**
     * Stops the worker: a batch being processed is finished and committed (a poll in progress is interrupted), the
     * clients are closed so the group hands the partitions to the other workers at once.
     */
    @Override
    public void close() throws InterruptedException {
        closing = true;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (pollThread.isAlive()) {
            pollThread.join();
        }
        codecThreads.shutdownNow();
    }

    private void run() {
        KafkaConsumer<byte[], byte[]> c = null;
        try {
            c = new KafkaConsumer<>(consumerConfig());
            consumer = c;
            c.subscribe(List.of(config.inputTopic()), new AssignmentTracker(c));
            producer = newProducer();
            while (!closing) {
                ConsumerRecords<byte[], byte[]> records = c.poll(POLL_TIMEOUT);
                metrics.consumerLag(lag(c));
                if (!records.isEmpty()) {
                    processInTransaction(c, records);
                }
            }
        } catch (WakeupException e) {
            if (!closing) {
                failure = e;
            }
        } catch (InterruptedException e) {
            if (!closing) {
                failure = e;
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.error("{} worker {} stopped: {}", role, config.workerId(), e.toString());
        } finally {
            if (producer != null) {
                producer.close(CLOSE_TIMEOUT);
            }
            if (c != null) {
                // A static member stays in the group after a crash (its restart resumes at once) but leaves
                // on close, so the others take its partitions now rather than after the session timeout.
                c.close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP).withTimeout(CLOSE_TIMEOUT));
            }
            codecThreads.shutdownNow();
            stopped.countDown();
        }
    }

    /** One poll's records: converted, produced and their offsets committed in one transaction, or none of it. */
    private void processInTransaction(KafkaConsumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records)
            throws InterruptedException {
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        try {
            producer.beginTransaction();
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            // Half of max.poll.interval.ms for the codec leaves the other half for producing and committing.
            long deadline = System.nanoTime() + Duration.ofMillis(config.maxPollIntervalMs() / 2).toNanos();
            int done = 0;
            int deadLetters = 0;
            while (done < batch.size() && (done == 0 || System.nanoTime() < deadline)) {
                List<ConsumerRecord<byte[], byte[]>> chunk = batch.subList(done, Math.min(batch.size(), done + config.codecThreads()));
                List<ProcessingResult> results = processAll(chunk);
                for (int i = 0; i < chunk.size(); i++) {
                    ConsumerRecord<byte[], byte[]> record = chunk.get(i);
                    ProducerRecord<byte[], byte[]> output = outputRecord(record, results.get(i));
                    if (output.topic().equals(config.deadLetterTopic())) {
                        deadLetters++;
                    }
                    producer.send(output);
                    offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
                }
                done += chunk.size();
            }
            // Records past the deadline are polled again after this commit.
            seekToFirstUnprocessed(c, batch.subList(done, batch.size()));
            producer.sendOffsetsToTransaction(offsets, c.groupMetadata());
            producer.commitTransaction();
            metrics.committed(done - deadLetters, deadLetters);
        } catch (FencedInstanceIdException | AuthorizationException | UnsupportedVersionException e) {
            // Fatal: another live instance has this worker.id, or the cluster refuses us.
            throw e;
        } catch (KafkaException e) {
            // Includes ProducerFencedException: the coordinator fences the producer of a transaction that outlived
            // its timeout, and so does a restarted instance of this worker.id, whose consumer then fences ours.
            LOG.warn("{} worker {}: transaction of {} records aborted: {}", role, config.workerId(), batch.size(), e.toString());
            metrics.aborted();
            abortTransaction();
            rewindToCommitted(c, records);
        }
    }

    private List<ProcessingResult> processAll(List<ConsumerRecord<byte[], byte[]>> chunk) throws InterruptedException {
        List<Callable<ProcessingResult>> tasks = new ArrayList<>(chunk.size());
        for (ConsumerRecord<byte[], byte[]> record : chunk) {
            tasks.add(() -> {
                long start = System.nanoTime();
                // max.partition.fetch.bytes does not stop a larger record, so it is refused here, unread.
                ProcessingResult result = record.value() != null && record.value().length > config.maxRecordBytes()
                        ? new Rejected(DeadLetterReason.TOO_LARGE, "the value has " + record.value().length
                                + " bytes; the limit is " + config.maxRecordBytes())
                        : processor.process(record.value());
                metrics.codecTime(System.nanoTime() - start);
                return result;
            });
        }
        List<ProcessingResult> results = new ArrayList<>(chunk.size());
        for (Future<ProcessingResult> future : codecThreads.invokeAll(tasks)) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                // Processors reject bad input themselves; anything thrown is a codec defect, not the record's fault.
                results.add(new Rejected(DeadLetterReason.CODEC_FAILURE, String.valueOf(e.getCause())));
            }
        }
        return results;
    }

    private ProducerRecord<byte[], byte[]> outputRecord(ConsumerRecord<byte[], byte[]> input, ProcessingResult result) {
        if (result instanceof Converted converted) {
            Headers headers = new RecordHeaders(input.headers().toArray());
            converted.headers().forEach((name, value) -> HuvrHeaders.put(headers, name, value));
            long size = recordBytes(input.key(), converted.value(), headers);
            if (size <= config.kafkaMessageBytes()) {
                return new ProducerRecord<>(config.outputTopic(), null, input.timestamp(), input.key(), converted.value(), headers);
            }
            // The input's own key and headers push the output past what Kafka accepts.
            result = new Rejected(DeadLetterReason.TOO_LARGE, "the output record would have " + size
                    + " bytes; the limit is " + config.kafkaMessageBytes());
        }
        Rejected rejected = (Rejected) result;
        Headers headers = new RecordHeaders(input.headers().toArray());
        HuvrHeaders.put(headers, HuvrHeaders.ERROR_REASON, rejected.reason().name());
        HuvrHeaders.put(headers, HuvrHeaders.ERROR_MESSAGE, oneLine(rejected.message()));
        HuvrHeaders.put(headers, HuvrHeaders.SOURCE_TOPIC, input.topic());
        HuvrHeaders.put(headers, HuvrHeaders.SOURCE_PARTITION, input.partition());
        HuvrHeaders.put(headers, HuvrHeaders.SOURCE_OFFSET, input.offset());
        // A value too large to forward is dropped; the headers still locate the input.
        byte[] value = recordBytes(input.key(), input.value(), headers) <= config.kafkaMessageBytes() ? input.value() : null;
        LOG.warn("{} worker {}: {}-{}@{} to the dead-letter topic: {} {}", role, config.workerId(), input.topic(),
                input.partition(), input.offset(), rejected.reason(), oneLine(rejected.message()));
        return new ProducerRecord<>(config.deadLetterTopic(), null, input.timestamp(), input.key(), value, headers);
    }

    /** An upper bound of a record's size in a batch: key, value, headers and per-record framing. */
    private static long recordBytes(byte[] key, byte[] value, Headers headers) {
        long size = RECORD_FRAMING_BYTES + (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        for (Header header : headers) {
            size += RECORD_FRAMING_BYTES + header.key().length() * 3L + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }

    private static String oneLine(String message) {
        String line = String.valueOf(message).replaceAll("\\s+", " ");
        return line.length() <= 1000 ? line : line.substring(0, 1000);
    }

    private static void seekToFirstUnprocessed(KafkaConsumer<byte[], byte[]> c, List<ConsumerRecord<byte[], byte[]>> unprocessed) {
        Map<TopicPartition, Long> first = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : unprocessed) {
            first.putIfAbsent(new TopicPartition(record.topic(), record.partition()), record.offset());
        }
        first.forEach(c::seek);
    }

    /** Aborts the open transaction; a producer that cannot abort is replaced, which aborts it on the broker. */
    private void abortTransaction() throws InterruptedException {
        try {
            producer.abortTransaction();
        } catch (AuthorizationException | UnsupportedVersionException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warn("{} worker {}: abort failed ({}); replacing the producer", role, config.workerId(), e.toString());
            producer.close(Duration.ZERO);
            producer = null;
            producer = newProducer();
        }
    }

    /** Seeks the partitions back to their committed offsets, so the aborted records are processed again. */
    private void rewindToCommitted(KafkaConsumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> aborted) {
        Set<TopicPartition> owned = new HashSet<>(aborted.partitions());
        owned.retainAll(c.assignment());
        while (true) {
            try {
                Map<TopicPartition, OffsetAndMetadata> committed = c.committed(owned);
                for (TopicPartition tp : owned) {
                    OffsetAndMetadata offset = committed.get(tp);
                    // Never committed: back to the batch's first record, where auto.offset.reset put the consumer.
                    c.seek(tp, offset != null ? offset.offset() : aborted.records(tp).get(0).offset());
                }
                return;
            } catch (TimeoutException e) {
                if (closing) {
                    // Nothing is lost: the next owner of these partitions starts from the committed offsets.
                    return;
                }
                LOG.warn("{} worker {}: committed offsets not available yet: {}", role, config.workerId(), e.getMessage());
            }
        }
    }

    /** A producer with its transactions initialised; retries while the brokers are unreachable. */
    private KafkaProducer<byte[], byte[]> newProducer() throws InterruptedException {
        while (true) {
            KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(producerConfig());
            try {
                p.initTransactions();
                return p;
            } catch (TimeoutException e) {
                p.close(Duration.ZERO);
                if (closing) {
                    throw new InterruptedException("closed while waiting for the transaction coordinator");
                }
                LOG.warn("{} worker {}: transaction coordinator not available yet: {}", role, config.workerId(), e.getMessage());
            } catch (RuntimeException e) {
                p.close(Duration.ZERO);
                throw e;
            }
        }
    }

    private long lag(KafkaConsumer<byte[], byte[]> c) {
        long total = 0;
        for (TopicPartition tp : c.assignment()) {
            total += c.currentLag(tp).orElse(0);
        }
        return total;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> props = new HashMap<>(config.clientOverrides(WorkerConfig.CONSUMER_PREFIX));
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.workerId());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, config.transactionalId() + "-consumer");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, config.maxPollIntervalMs());
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, config.kafkaMessageBytes());
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Math.max(ConsumerConfig.DEFAULT_FETCH_MAX_BYTES, config.kafkaMessageBytes()));
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> props = new HashMap<>(config.clientOverrides(WorkerConfig.PRODUCER_PREFIX));
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, config.transactionalId());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, config.transactionalId() + "-producer");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // A transaction lives at most as long as a batch may take.
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, config.maxPollIntervalMs());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, config.kafkaMessageBytes());
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(32L * 1024 * 1024, 2L * config.kafkaMessageBytes()));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return props;
    }

    /** Keeps {@link #assignment} current; runs on the poll thread, inside poll. */
    private final class AssignmentTracker implements ConsumerRebalanceListener {
        private final KafkaConsumer<byte[], byte[]> c;

        AssignmentTracker(KafkaConsumer<byte[], byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            assignment = Set.copyOf(c.assignment());
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assignment = Set.copyOf(c.assignment());
            LOG.info("{} worker {} now has {} partitions", role, config.workerId(), assignment.size());
        }
    }
}
