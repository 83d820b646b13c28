package io.huvr.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * Stores the records of the Kafka encode workers' output topic in the archive. A record's key is its image
 * id (a record without a key is stored under {@code sha256-<hex of the bitstream>}); records that are not
 * {@code .huvr} made for the gateway's model, or whose key is not a valid id, are skipped and counted.
 */
@ApplicationScoped
public class ArchiveIngest {
    /** Header and value the encode workers mark their {@code .huvr} records with. */
    static final String CONTENT_TYPE_HEADER = "content-type";
    static final String HUVR_CONTENT_TYPE = "image/huvr";
    static final String CONTENT_ADDRESSED_PREFIX = "sha256-";

    private static final Logger LOG = Logger.getLogger(ArchiveIngest.class);

    /** What ingesting one record did. */
    public enum Outcome { STORED, ALREADY_STORED, SKIPPED }

    private final ImageArchive archive;
    private final CodecService codec;
    private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);

    public ArchiveIngest(ImageArchive archive, CodecService codec, MeterRegistry registry) {
        this.archive = archive;
        this.codec = codec;
        for (Outcome outcome : Outcome.values()) {
            counters.put(outcome, Counter.builder("huvr.archive.ingested")
                    .description("Records of the encode workers' topic, by what the archive did with them")
                    .tag("outcome", outcome.name().toLowerCase()).register(registry));
        }
    }

    /**
     * Stores one record's bitstream.
     *
     * @throws IOException when the archive cannot be written (the record must be consumed again)
     */
    public Outcome ingest(ConsumerRecord<byte[], byte[]> record) throws IOException {
        Outcome outcome;
        try {
            outcome = store(record);
        } catch (ProblemException refused) {
            LOG.warnf("skipped record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    refused.getMessage());
            outcome = Outcome.SKIPPED;
        }
        counters.get(outcome).increment();
        return outcome;
    }

    private Outcome store(ConsumerRecord<byte[], byte[]> record) throws IOException {
        Header contentType = record.headers().lastHeader(CONTENT_TYPE_HEADER);
        if (contentType == null || !HUVR_CONTENT_TYPE.equals(new String(contentType.value(), StandardCharsets.UTF_8))) {
            throw ProblemException.badRequest("not-huvr", "the record is not marked " + HUVR_CONTENT_TYPE);
        }
        byte[] bitstream = record.value();
        codec.checkCompatible(codec.parse(bitstream));
        String id = record.key() == null ? CONTENT_ADDRESSED_PREFIX + Sha256.hex(bitstream)
                : ImageArchive.checkId(new String(record.key(), StandardCharsets.UTF_8));
        return archive.store(id, bitstream) == ImageArchive.StoreOutcome.CREATED ? Outcome.STORED : Outcome.ALREADY_STORED;
    }
}
