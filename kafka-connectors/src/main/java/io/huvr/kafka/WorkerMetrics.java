package io.huvr.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A worker's Micrometer meters, tagged with its role ({@code encode}/{@code decode}) and worker id:
 * <ul>
 *   <li>{@value #RECORDS} (counter, tag {@code result} = {@code converted} or {@code dead-letter}): records in committed
 *       transactions; records/s is its rate;</li>
 *   <li>{@value #BATCH_RECORDS} (distribution summary): records per transaction;</li>
 *   <li>{@value #RECORD_LATENCY} (timer): codec time per record, records of aborted transactions included;</li>
 *   <li>{@value #TRANSACTIONS} (counter, tag {@code result} = {@code committed} or {@code aborted});</li>
 *   <li>{@value #CONSUMER_LAG} (gauge): records behind the end of the assigned input partitions, after the last poll.</li>
 * </ul>
 */
public final class WorkerMetrics {
    public static final String RECORDS = "huvr.worker.records";
    public static final String BATCH_RECORDS = "huvr.worker.batch.records";
    public static final String RECORD_LATENCY = "huvr.worker.record.latency";
    public static final String TRANSACTIONS = "huvr.worker.transactions";
    public static final String CONSUMER_LAG = "huvr.worker.consumer.lag";

    private final Counter converted;
    private final Counter deadLettered;
    private final DistributionSummary batchRecords;
    private final Timer recordLatency;
    private final Counter committed;
    private final Counter aborted;
    private final AtomicLong consumerLag = new AtomicLong();

    WorkerMetrics(MeterRegistry registry, String role, String workerId) {
        Tags tags = Tags.of("role", role, "worker", workerId);
        converted = registry.counter(RECORDS, tags.and("result", "converted"));
        deadLettered = registry.counter(RECORDS, tags.and("result", "dead-letter"));
        batchRecords = DistributionSummary.builder(BATCH_RECORDS).tags(tags).register(registry);
        recordLatency = Timer.builder(RECORD_LATENCY).tags(tags).publishPercentiles(0.5, 0.99).register(registry);
        committed = registry.counter(TRANSACTIONS, tags.and("result", "committed"));
        aborted = registry.counter(TRANSACTIONS, tags.and("result", "aborted"));
        Gauge.builder(CONSUMER_LAG, consumerLag, AtomicLong::get).tags(tags).register(registry);
    }

    void codecTime(long nanos) {
        recordLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    void committed(int convertedRecords, int deadLetters) {
        committed.increment();
        converted.increment(convertedRecords);
        deadLettered.increment(deadLetters);
        batchRecords.record(convertedRecords + deadLetters);
    }

    void aborted() {
        aborted.increment();
    }

    void consumerLag(long records) {
        consumerLag.set(records);
    }
}
