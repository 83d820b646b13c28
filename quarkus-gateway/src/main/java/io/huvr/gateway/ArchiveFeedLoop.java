package io.huvr.gateway;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Polls a topic and hands each record to {@link ArchiveIngest}, committing a partition's offset only after its
 * records are stored. Storing is idempotent (the archive is write-once), so records consumed again after a crash
 * or a failed write change nothing: at-least-once delivery gives each image exactly once in the archive.
 */
final class ArchiveFeedLoop implements Runnable {
    private static final Logger LOG = Logger.getLogger(ArchiveFeedLoop.class);
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final ArchiveIngest ingest;
    private final Duration retryDelay;
    private volatile boolean stopping;

    /**
     * @param retryDelay pause after the archive failed to store a record, before it is consumed again
     */
    ArchiveFeedLoop(Consumer<byte[], byte[]> consumer, String topic, ArchiveIngest ingest, Duration retryDelay) {
        this.consumer = consumer;
        this.topic = topic;
        this.ingest = ingest;
        this.retryDelay = retryDelay;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic));
            while (!stopping) {
                if (!storeAll(consumer.poll(POLL_TIMEOUT))) {
                    Thread.sleep(retryDelay.toMillis());
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
}
