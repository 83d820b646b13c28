package io.huvr.gateway;

import io.huvr.kafka.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.util.List;
import java.util.Map;

/**
 * Starts a real in-process KRaft broker (the kafka-connectors module's fixture) with the encode workers' output
 * topic, and points the gateway's Kafka feed at it.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {
    /** The topic the gateway follows by default, as the encode workers name it. */
    static final String TOPIC = "huvr-output";
    static final int PARTITIONS = 2;

    private final KafkaBroker broker = new KafkaBroker();

    @Override
    public Map<String, String> start() {
        try {
            broker.start();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("the test Kafka broker did not start", e);
        }
        return Map.of(
                "huvr.gateway.kafka.bootstrap-servers", broker.bootstrapServers(),
                "huvr.gateway.kafka.topic", TOPIC,
                // The broker and the clients print their whole configuration at INFO.
                "quarkus.log.category.\"org.apache.kafka\".level", "WARN",
                "quarkus.log.category.\"kafka\".level", "WARN");
    }

    @Override
    public void stop() {
        try {
            broker.close();
        } catch (Exception e) {
            throw new IllegalStateException("the test Kafka broker did not stop cleanly", e);
        }
    }
}
