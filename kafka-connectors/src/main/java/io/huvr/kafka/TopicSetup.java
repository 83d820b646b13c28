package io.huvr.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * Creates a worker's input, output and dead-letter topics when missing, with {@code max.message.bytes} raised to
 * {@link WorkerConfig#kafkaMessageBytes()} so the largest allowed record fits. Existing topics are left as they are;
 * one whose {@code max.message.bytes} is smaller is logged as a warning.
 */
public final class TopicSetup {
    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

    private TopicSetup() {
    }

    /** Creates the missing topics; waits until the broker has answered for each. */
    public static void createMissingTopics(WorkerConfig config) throws InterruptedException {
        Map<String, Object> adminConfig = new HashMap<>(config.clientOverrides(WorkerConfig.ADMIN_PREFIX));
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        String maxMessageBytes = Integer.toString(config.kafkaMessageBytes());
        short replication = config.topicsReplicationFactor();
        List<NewTopic> topics = List.of(config.inputTopic(), config.outputTopic(), config.deadLetterTopic()).stream()
                .map(name -> new NewTopic(name, Optional.of(config.topicsPartitions()),
                        replication == -1 ? Optional.empty() : Optional.of(replication))
                        .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxMessageBytes)))
                .toList();
        try (Admin admin = Admin.create(adminConfig)) {
            List<ConfigResource> existing = new ArrayList<>();
            for (Map.Entry<String, KafkaFuture<Void>> created : admin.createTopics(topics).values().entrySet()) {
                try {
                    created.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("creating topic " + created.getKey() + " failed: "
                                + e.getCause().getMessage(), e.getCause());
                    }
                    existing.add(new ConfigResource(ConfigResource.Type.TOPIC, created.getKey()));
                }
            }
            warnAboutSmallerLimits(admin, existing, config.kafkaMessageBytes());
        }
    }

    private static void warnAboutSmallerLimits(Admin admin, List<ConfigResource> topics, int needed) throws InterruptedException {
        if (topics.isEmpty()) {
            return;
        }
        try {
            for (Map.Entry<ConfigResource, Config> topic : admin.describeConfigs(topics).all().get().entrySet()) {
                var limit = topic.getValue().get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
                if (limit != null && limit.value() != null && Long.parseLong(limit.value()) < needed) {
                    LOG.warn("topic {} has {}={}, below the {} that {} needs: larger records will fail", topic.getKey().name(),
                            TopicConfig.MAX_MESSAGE_BYTES_CONFIG, limit.value(), needed, WorkerConfig.MAX_RECORD_BYTES);
                }
            }
        } catch (ExecutionException e) {
            // Reading configs may be denied where creating topics is not; the check is advice only.
            LOG.warn("cannot read the topics' {}: {}", TopicConfig.MAX_MESSAGE_BYTES_CONFIG, e.getCause().getMessage());
        }
    }
}
