package io.huvr.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Quarkus gateway as a child process: its own runnable with its own class path, consuming the encoded topic
 * into an archive under the work directory. Its output goes to {@code gateway.log} there.
 */
final class GatewayProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path log;
    private final URI baseUri;

    private GatewayProcess(Process process, Path log, URI baseUri) {
        this.process = process;
        this.log = log;
        this.baseUri = baseUri;
    }

    /** Starts the gateway and returns once its readiness check answers UP. */
    static GatewayProcess start(Path gatewayJar, int port, String bootstrapServers, Path workDirectory)
            throws IOException, InterruptedException {
        Path log = workDirectory.resolve("gateway.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dorg.bytedeco.javacpp.maxphysicalbytes=4G",
                "-Dquarkus.http.port=" + port,
                "-Dhuvr.gateway.archive.dir=" + workDirectory.resolve("archive"),
                "-Dhuvr.gateway.kafka.bootstrap-servers=" + bootstrapServers,
                "-Dhuvr.gateway.kafka.topic=" + PipelineConfig.ENCODED_TOPIC,
                "-jar", gatewayJar.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        GatewayProcess gateway = new GatewayProcess(process, log, URI.create("http://localhost:" + port + "/"));
        try {
            gateway.awaitReady();
        } catch (IOException | RuntimeException | InterruptedException e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }

    /** {@code http://localhost:<port>/}: the web page; the API is under {@code v1/}. */
    URI baseUri() {
        return baseUri;
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(baseUri.resolve("q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("the gateway exited with status " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Quarkus is still starting.
            }
            Thread.sleep(500);
        }
        throw new IOException("the gateway was not ready within " + READY_TIMEOUT.toSeconds() + " s; see " + log);
    }

    /** SIGTERM, so that Quarkus shuts down cleanly (its Kafka consumer commits and leaves); SIGKILL if it hangs. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
