package io.huvr.gateway;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;

/**
 * Follows the Kafka encode workers' output topic into the archive when {@code huvr.gateway.kafka.bootstrap-servers}
 * is set. It reads committed records only, since the workers write in transactions.
 */
@ApplicationScoped
public class KafkaArchiveFeed {
    private static final Logger LOG = Logger.getLogger(KafkaArchiveFeed.class);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(5);

    private final GatewayConfig.Kafka config;
    private final ModelProvider models;
    private final ArchiveIngest ingest;
    private ArchiveFeedLoop loop;
    private Thread thread;

    public KafkaArchiveFeed(GatewayConfig config, ModelProvider models, ArchiveIngest ingest) {
        this.config = config.kafka();
        this.models = models;
        this.ingest = ingest;
    }

    void start(@Observes StartupEvent event) {
        if (config.bootstrapServers().isEmpty()) {
            return;
        }
        if (!models.loaded()) {
            LOG.errorf("not following Kafka topic %s: %s", config.topic(), models.failure());
            return;
        }
        Map<String, Object> properties = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers().get(),
                ConsumerConfig.GROUP_ID_CONFIG, config.groupId(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // One poll's records are stored before the next poll: keep it small, images are large.
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 16);
        loop = new ArchiveFeedLoop(new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                config.topic(), ingest, RETRY_DELAY);
        thread = new Thread(loop, "huvr-archive-feed");
        thread.start();
        LOG.infof("following Kafka topic %s into the archive", config.topic());
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (loop != null) {
            loop.stop();
            thread.join(RETRY_DELAY.toMillis() * 2);
        }
    }
}
