package io.huvr.gateway;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Polls the encode workers' topic and hands each record to {@link ArchiveIngest}, committing a partition's offset
 * only after its records are stored. Storing is idempotent (the archive is write-once), so records consumed again
 * after a crash or a failed write change nothing: at-least-once delivery gives each image exactly once in the
 * archive. It reads committed records only, since the workers write in transactions.
 */
final class ArchiveFeedLoop implements Runnable {
    /** Pause after the archive failed to store a record, before it is consumed again. */
    static final Duration RETRY_DELAY = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(ArchiveFeedLoop.class);
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final ArchiveIngest ingest;
    /** The end offsets each assigned partition had when assigned, until the feed has reached them all. */
    private final Map<TopicPartition, Long> catchUpTargets = new HashMap<>();
    private boolean assigned;
    private volatile boolean caughtUp;
    private volatile boolean stopping;

    ArchiveFeedLoop(GatewayConfig.Kafka config, ArchiveIngest ingest) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers().orElseThrow(),
                ConsumerConfig.GROUP_ID_CONFIG, config.groupId(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // One poll's records are stored before the next poll: keep it small, images are large.
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 16),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = config.topic();
        this.ingest = ingest;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic), new CatchUpTracker());
            while (!stopping) {
                boolean allStored = storeAll(consumer.poll(POLL_TIMEOUT));
                checkCaughtUp();
                if (!allStored) {
                    Thread.sleep(RETRY_DELAY.toMillis());
                }
            }
        } catch (WakeupException | InterruptedException e) {
            if (!stopping) {
                LOG.error("the archive feed stopped unexpectedly", e);
            }
        } finally {
            consumer.close();
        }
    }

    /** Stops polling; safe from any thread. */
    void stop() {
        stopping = true;
        consumer.wakeup();
    }

    /** Whether the feed has stored everything its partitions held when they were assigned to it; stays true. */
    boolean caughtUp() {
        return caughtUp;
    }

    /** @return false when a record could not be stored (its partition is rewound to it) */
    private boolean storeAll(ConsumerRecords<byte[], byte[]> records) {
        boolean allStored = true;
        for (TopicPartition partition : records.partitions()) {
            long next = -1;
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                try {
                    ingest.ingest(record);
                    next = record.offset() + 1;
                } catch (IOException e) {
                    LOG.errorf("the archive could not store record %s@%d, retrying: %s", partition, record.offset(),
                            e.getMessage());
                    consumer.seek(partition, record.offset());
                    allStored = false;
                    break;
                }
            }
            if (next >= 0) {
                consumer.commitSync(Map.of(partition, new OffsetAndMetadata(next)));
            }
        }
        return allStored;
    }

    private void checkCaughtUp() {
        if (caughtUp || !assigned) {
            return;
        }
        // The position skips transaction markers and aborted records, so it reaches the read_committed end offset.
        if (catchUpTargets.entrySet().stream().allMatch(target -> consumer.position(target.getKey()) >= target.getValue())) {
            caughtUp = true;
            catchUpTargets.clear();
            LOG.infof("the archive caught up with Kafka topic %s", topic);
        }
    }

    /** Notes the end offsets of partitions assigned before the feed caught up: the marks it must reach. */
    private final class CatchUpTracker implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (!caughtUp) {
                catchUpTargets.putAll(consumer.endOffsets(partitions));
                assigned = true;
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(catchUpTargets::remove);
        }
    }
}
