package io.huvr.pipeline;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code huvr-pipeline}: starts the pipeline, publishes the images, waits until the gateway serves each, prints
 * their figures and the gateway's address, and runs until Ctrl-C (or SIGTERM) stops everything.
 */
@Command(name = "huvr-pipeline", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs an embedded Kafka broker, the encode and decode workers and the gateway; publishes "
                + "the sample photos (or --images) to the raw topic and waits until the gateway serves them.",
                "Running it again on the same --work-dir resumes: only images not yet published are published."})
public final class PipelineMain implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
            description = "An existing Kafka cluster; without it an embedded broker runs in this process.")
    String bootstrapServers;

    @Option(names = "--kafka-port", defaultValue = "0",
            description = "The embedded broker's port; 0 (default) for a free one.")
    int kafkaPort;

    @Option(names = "--port", defaultValue = "8080", description = "The gateway's HTTP port (default ${DEFAULT-VALUE}).")
    int gatewayPort;

    @Option(names = "--work-dir", defaultValue = "huvr-pipeline",
            description = "Broker data, gateway archive and log; kept across runs (default ${DEFAULT-VALUE}).")
    Path workDirectory;

    @Option(names = "--gateway-jar", paramLabel = "quarkus-run.jar",
            defaultValue = "quarkus-gateway/target/quarkus-app/quarkus-run.jar",
            description = "The built gateway (default ${DEFAULT-VALUE}).")
    Path gatewayJar;

    @Option(names = "--images", paramLabel = "DIR",
            description = "Publish the PNG, JPEG, BMP and GIF files in DIR instead of the bundled sample photos.")
    Path imageFolder;

    @Option(names = "--no-gateway", description = "Run no gateway (publish and exit once published).")
    boolean noGateway;

    @Option(names = "--no-workers", description = "Run no workers (they run elsewhere, on the same cluster).")
    boolean noWorkers;

    @Option(names = "--timeout", defaultValue = "PT10M",
            description = "How long to wait until every image is served (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration timeout;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PipelineMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (!noGateway && !Files.isRegularFile(gatewayJar)) {
            System.err.println("huvr-pipeline: no gateway at " + gatewayJar
                    + "; build it (mvn -B -q -DskipTests install) or pass --gateway-jar or --no-gateway");
            return 1;
        }
        List<SourceImage> images = imageFolder == null ? SourceImage.samples() : SourceImage.inFolder(imageFolder);
        PipelineConfig config = new PipelineConfig(bootstrapServers, kafkaPort, workDirectory, !noWorkers,
                noGateway ? null : gatewayJar, gatewayPort);
        Pipeline pipeline = Pipeline.start(config, PipelineMain::say);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("stopping");
            try {
                pipeline.close();
            } catch (Exception e) {
                System.err.println("huvr-pipeline: while stopping: " + e);
            }
            stopped.countDown();
        }, "huvr-pipeline-shutdown"));

        long publishStart = System.nanoTime();
        int published = pipeline.publishMissing(images);
        say("published " + published + " image(s) to " + PipelineConfig.RAW_TOPIC + " (" + (images.size() - published)
                + " already there)");
        if (pipeline.gatewayUri() == null) {
            pipeline.close();
            return 0;
        }
        List<ServedImage> served = pipeline.awaitServed(images, timeout);
        double seconds = (System.nanoTime() - publishStart) / 1e9;
        served.forEach(image -> say("  " + image));
        say(String.format("%d image(s) served %.1f s after the command started; %.1f s after publishing (%.2f images/s)",
                served.size(), secondsSinceJvmStart(), seconds, served.size() / seconds));
        say("open " + pipeline.gatewayUri() + "  (Ctrl-C stops everything)");
        stopped.await();
        return 0;
    }

    private static double secondsSinceJvmStart() {
        return (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1e3;
    }

    private static void say(String line) {
        System.out.println("huvr-pipeline: " + line);
        System.out.flush();
    }
}
