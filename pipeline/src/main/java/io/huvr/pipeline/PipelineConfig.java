package io.huvr.pipeline;

import java.nio.file.Path;

/**
 * What {@link Pipeline} runs, and where.
 *
 * @param externalBootstrapServers an existing Kafka cluster's bootstrap servers; null starts an embedded broker
 * @param kafkaPort                the embedded broker's port (0 for a free one)
 * @param workDirectory            the embedded broker's data, the gateway's archive and log; kept across runs
 * @param runWorkers               whether this process runs an encode and a decode worker
 * @param gatewayJar               the gateway's {@code quarkus-run.jar}; null runs no gateway
 * @param gatewayPort              the gateway's HTTP port
 */
public record PipelineConfig(String externalBootstrapServers, int kafkaPort, Path workDirectory, boolean runWorkers,
                             Path gatewayJar, int gatewayPort) {
    /** Raw images, the encode workers' input. */
    public static final String RAW_TOPIC = "huvr-raw";
    /** {@code .huvr} records: the encode workers' output, the decode workers' and the gateway's input. */
    public static final String ENCODED_TOPIC = "huvr-encoded";
    /** PNG records: the decode workers' output. */
    public static final String DECODED_TOPIC = "huvr-decoded";
    /** Records neither worker could process. */
    public static final String DEAD_LETTER_TOPIC = "huvr-dead-letter";
}
