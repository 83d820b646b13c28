package io.huvr.gateway;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Follows the Kafka encode workers' output topic into the archive when {@code huvr.gateway.kafka.bootstrap-servers}
 * is set, from the consumer group's committed offsets.
 */
@ApplicationScoped
public class KafkaArchiveFeed {
    /** Where the feed stands, for readiness. */
    public enum State {
        /** No bootstrap servers are configured: the gateway follows no topic. */
        OFF,
        /** Configured, but not polling (no model, stopped, or failed). */
        NOT_RUNNING,
        /** Polling, and not yet at the end offsets its partitions had when assigned. */
        CATCHING_UP,
        CAUGHT_UP
    }

    private static final Logger LOG = Logger.getLogger(KafkaArchiveFeed.class);

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

    void onStartup(@Observes StartupEvent event) {
        if (config.bootstrapServers().isPresent()) {
            start();
        }
    }

    void onShutdown(@Observes ShutdownEvent event) throws InterruptedException {
        stop();
    }

    /** Starts polling, unless it already does or there is no model to check the records against. */
    synchronized void start() {
        if (thread != null) {
            return;
        }
        if (!models.loaded()) {
            LOG.errorf("not following Kafka topic %s: %s", config.topic(), models.failure());
            return;
        }
        loop = new ArchiveFeedLoop(config, ingest);
        thread = new Thread(loop, "huvr-archive-feed");
        thread.start();
        LOG.infof("following Kafka topic %s into the archive", config.topic());
    }

    /** Stops polling and waits for the consumer to leave its group. */
    synchronized void stop() throws InterruptedException {
        if (thread != null) {
            loop.stop();
            thread.join(ArchiveFeedLoop.RETRY_DELAY.toMillis() * 2);
            loop = null;
            thread = null;
        }
    }

    public synchronized State state() {
        if (config.bootstrapServers().isEmpty()) {
            return State.OFF;
        }
        if (thread == null || !thread.isAlive()) {
            return State.NOT_RUNNING;
        }
        return loop.caughtUp() ? State.CAUGHT_UP : State.CATCHING_UP;
    }
}
