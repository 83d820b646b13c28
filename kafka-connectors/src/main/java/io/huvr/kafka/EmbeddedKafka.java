package io.huvr.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A single-node KRaft Kafka (combined broker and controller) in this JVM, for a one-machine pipeline and for
 * tests. Its data lives in a directory of the caller's: a directory already formatted by an earlier run is
 * started as it is, so topics, records and committed offsets survive a restart of the process. Brokers accept
 * records of up to {@link WorkerConfig#DEFAULT_MAX_RECORD_BYTES} plus framing, as the workers produce.
 * Needs {@code org.apache.kafka:kafka_2.13} on the class path (an optional dependency of this module).
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final String CLUSTER_META_FILE = "meta.properties";

    private final Path configFile;
    private final Path dataDirectory;
    private final int brokerPort;
    private final Properties properties = new Properties();
    private KafkaRaftServer server;

    /**
     * A broker on {@code brokerPort} (0 for a free port) keeping its data in {@code directory}; the controller
     * takes another free port. Nothing runs before {@link #start()}.
     */
    public EmbeddedKafka(Path directory, int brokerPort) throws IOException {
        this.configFile = directory.resolve("server.properties");
        this.dataDirectory = directory.resolve("data");
        this.brokerPort = brokerPort == 0 ? freePort() : brokerPort;
        int controllerPort = freePort();
        properties.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@localhost:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://localhost:" + this.brokerPort
                        + ",CONTROLLER://localhost:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://localhost:" + this.brokerPort),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", dataDirectory.toString()),
                // A single node: every internal topic with one replica, few partitions, no join delay.
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "3"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "3"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // Abort timed-out transactions within a second, not ten.
                Map.entry("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000"),
                Map.entry("default.replication.factor", "1"),
                // Large images: the workers' largest record plus key, headers and batch framing.
                Map.entry("message.max.bytes", String.valueOf(kafkaMessageBytes())),
                Map.entry("replica.fetch.max.bytes", String.valueOf(kafkaMessageBytes()))));
        Files.createDirectories(directory);
        try (OutputStream out = Files.newOutputStream(configFile)) {
            properties.store(out, "huvr embedded broker");
        }
    }

    /** Formats the data directory unless an earlier run did, starts the broker, and returns once it answers. */
    public void start() throws Exception {
        if (!Files.exists(dataDirectory.resolve(CLUSTER_META_FILE))) {
            format();
        }
        server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        server.startup();
        // Ready when it answers a metadata request.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        }
    }

    /** Stops the broker; its data stays. Does nothing when it is not running. */
    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** {@code localhost:<port>}, for the clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "localhost:" + brokerPort;
    }

    private void format() throws IOException {
        ByteArrayOutputStream formatOutput = new ByteArrayOutputStream();
        int status = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
                configFile.toString()}, new PrintStream(formatOutput, true, StandardCharsets.UTF_8));
        if (status != 0) {
            throw new IllegalStateException("kafka-storage format failed: " + formatOutput.toString(StandardCharsets.UTF_8));
        }
    }

    private static int kafkaMessageBytes() {
        return WorkerConfig.DEFAULT_MAX_RECORD_BYTES + WorkerConfig.RECORD_OVERHEAD_BYTES;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
