package io.huvr.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * Creates a worker's input, output and dead-letter topics when missing, with {@code max.message.bytes} raised to
 * {@link WorkerConfig#kafkaMessageBytes()} so the largest allowed record fits. Existing topics are left as they are.
 */
public final class TopicSetup {
    private TopicSetup() {
    }

    /** Creates the missing topics; waits until the broker has answered for each. */
    public static void createMissingTopics(WorkerConfig config) throws InterruptedException {
        Map<String, Object> adminConfig = new HashMap<>(config.clientOverrides(WorkerConfig.ADMIN_PREFIX));
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        try (Admin admin = Admin.create(adminConfig)) {
            short replication = config.topicsReplicationFactor();
            List<NewTopic> topics = List.of(config.inputTopic(), config.outputTopic(), config.deadLetterTopic()).stream()
                    .distinct()
                    .map(name -> new NewTopic(name, Optional.of(config.topicsPartitions()),
                            replication == -1 ? Optional.empty() : Optional.of(replication))
                            .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(config.kafkaMessageBytes()))))
                    .toList();
            for (var created : admin.createTopics(topics).values().values()) {
                try {
                    created.get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("topic creation failed: " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
        }
    }
}
