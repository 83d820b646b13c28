package io.huvr.pipeline;

import io.huvr.codec.metrics.ImageMetrics;
import io.huvr.codec.model.HuvrModel;
import io.huvr.kafka.EmbeddedKafka;
import io.huvr.kafka.HuvrHeaders;
import io.huvr.kafka.StreamWorker;
import io.huvr.kafka.WorkerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The whole pipeline in one process: an embedded Kafka broker (unless an external cluster is given), an encode
 * worker (raw topic to encoded topic), a decode worker (encoded topic to decoded topic), and the gateway as a
 * child process archiving the encoded topic. {@link #publishMissing} puts images on the raw topic;
 * {@link #awaitServed} waits until the gateway serves each. Everything a run keeps lives in the work directory,
 * so a pipeline started again on it resumes where the last one stopped.
 */
public final class Pipeline implements AutoCloseable {
    private static final String ENCODE_GROUP = "huvr-pipeline-encode";
    private static final String DECODE_GROUP = "huvr-pipeline-decode";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private final PipelineConfig config;
    private final Consumer<String> progress;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String bootstrapServers;
    private GatewayProcess gateway;

    private Pipeline(PipelineConfig config, Consumer<String> progress) {
        this.config = config;
        this.progress = progress;
    }

    /**
     * Starts the configured pieces in order (broker, workers, gateway), telling {@code progress} what starts.
     * On a failure what had started is stopped again.
     */
    public static Pipeline start(PipelineConfig config, Consumer<String> progress) throws Exception {
        Pipeline pipeline = new Pipeline(config, progress);
        try {
            pipeline.startPieces();
        } catch (Exception e) {
            pipeline.close();
            throw e;
        }
        return pipeline;
    }

    private void startPieces() throws Exception {
        Files.createDirectories(config.workDirectory());
        if (config.externalBootstrapServers() == null) {
            progress.accept("starting the embedded Kafka broker (data in " + config.workDirectory().resolve("kafka") + ")");
            EmbeddedKafka kafka = new EmbeddedKafka(config.workDirectory().resolve("kafka"), config.kafkaPort());
            running.add(kafka);
            kafka.start();
            bootstrapServers = kafka.bootstrapServers();
        } else {
            bootstrapServers = config.externalBootstrapServers();
        }
        progress.accept("Kafka at " + bootstrapServers);
        if (config.runWorkers()) {
            progress.accept("loading the model and starting the encode and decode workers");
            HuvrModel model = HuvrModel.loadDefault();
            MeterRegistry registry = new SimpleMeterRegistry();
            startWorker(StreamWorker.encoder(workerConfig(PipelineConfig.RAW_TOPIC, PipelineConfig.ENCODED_TOPIC,
                    ENCODE_GROUP), model, registry));
            startWorker(StreamWorker.decoder(workerConfig(PipelineConfig.ENCODED_TOPIC, PipelineConfig.DECODED_TOPIC,
                    DECODE_GROUP), model, registry));
        }
        if (config.gatewayJar() != null) {
            progress.accept("starting the gateway on port " + config.gatewayPort() + " (log in "
                    + config.workDirectory().resolve("gateway.log") + ")");
            gateway = GatewayProcess.start(config.gatewayJar(), config.gatewayPort(), bootstrapServers,
                    config.workDirectory());
            running.add(gateway);
        }
    }

    private void startWorker(StreamWorker worker) throws InterruptedException {
        running.add(worker);
        worker.start();
    }

    private WorkerConfig workerConfig(String input, String output, String group) {
        return WorkerConfig.of(Map.of(
                WorkerConfig.BOOTSTRAP_SERVERS, bootstrapServers,
                WorkerConfig.INPUT_TOPIC, input,
                WorkerConfig.OUTPUT_TOPIC, output,
                WorkerConfig.DEAD_LETTER_TOPIC, PipelineConfig.DEAD_LETTER_TOPIC,
                WorkerConfig.GROUP_ID, group,
                // Stable across runs, so a restarted pipeline fences its predecessor's open transactions.
                WorkerConfig.WORKER_ID, "pipeline",
                WorkerConfig.METRICS_LOG_SECONDS, "0"));
    }

    /** The Kafka cluster in use. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The gateway's web page; null when this pipeline runs no gateway. */
    public URI gatewayUri() {
        return gateway == null ? null : gateway.baseUri();
    }

    /**
     * Publishes to the raw topic, keyed by id, the images whose id is not on it yet, so that running again
     * publishes only what an interrupted run had not; returns how many were published.
     */
    public int publishMissing(List<SourceImage> images) throws Exception {
        Set<String> published = keysOnRawTopic();
        int count = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, WorkerConfig.DEFAULT_MAX_RECORD_BYTES + WorkerConfig.RECORD_OVERHEAD_BYTES),
                new StringSerializer(), new ByteArraySerializer())) {
            for (SourceImage image : images) {
                if (!published.contains(image.id())) {
                    producer.send(new ProducerRecord<>(PipelineConfig.RAW_TOPIC, image.id(), image.bytes())).get();
                    count++;
                }
            }
        }
        return count;
    }

    private Set<String> keysOnRawTopic() {
        Set<String> keys = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = consumerFromBeginning(PipelineConfig.RAW_TOPIC)) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL_INTERVAL)) {
                    keys.add(record.key());
                }
            }
        }
        return keys;
    }

    /** A consumer of the committed records of every partition {@code topic} has now, from the beginning. */
    private KafkaConsumer<String, byte[]> consumerFromBeginning(String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "huvr-pipeline-reader-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, WorkerConfig.DEFAULT_MAX_RECORD_BYTES + WorkerConfig.RECORD_OVERHEAD_BYTES),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /**
     * Waits until the gateway serves every image, or a worker sent it to the dead-letter topic, telling
     * {@code progress} each time the count of archived images grows and why an image was dead-lettered; then fetches
     * each image served decoded and measures it against its original.
     *
     * @return the served images, in the order given
     * @throws IllegalStateException when this pipeline runs no gateway
     * @throws IOException           when {@code timeout} passes first, or the gateway fails
     */
    public List<ServedImage> awaitServed(List<SourceImage> images, Duration timeout)
            throws IOException, InterruptedException {
        if (gateway == null) {
            throw new IllegalStateException("this pipeline runs no gateway");
        }
        Set<String> pending = new HashSet<>(images.stream().map(SourceImage::id).toList());
        Set<String> deadLettered = new HashSet<>();
        Instant deadline = Instant.now().plus(timeout);
        int archived = 0;
        try (KafkaConsumer<String, byte[]> deadLetters = consumerFromBeginning(PipelineConfig.DEAD_LETTER_TOPIC)) {
            while (!pending.isEmpty()) {
                pending.removeIf(this::isArchived);
                if (images.size() - deadLettered.size() - pending.size() != archived) {
                    archived = images.size() - deadLettered.size() - pending.size();
                    progress.accept("archived and served: " + archived + "/" + images.size());
                }
                if (pending.isEmpty()) {
                    break;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IOException("not served within " + timeout.toSeconds() + " s: " + pending);
                }
                if (deadLetters.assignment().isEmpty()) {
                    // No dead-letter topic: the workers run elsewhere and have not created it.
                    Thread.sleep(POLL_INTERVAL.toMillis());
                    continue;
                }
                for (ConsumerRecord<String, byte[]> record : deadLetters.poll(POLL_INTERVAL)) {
                    if (pending.remove(record.key())) {
                        deadLettered.add(record.key());
                        progress.accept(record.key() + " went to " + PipelineConfig.DEAD_LETTER_TOPIC + ": "
                                + header(record, HuvrHeaders.ERROR_REASON) + " "
                                + header(record, HuvrHeaders.ERROR_MESSAGE));
                    }
                }
            }
        }
        List<ServedImage> served = new ArrayList<>();
        for (SourceImage image : images) {
            if (!deadLettered.contains(image.id())) {
                served.add(measure(image));
            }
        }
        return served;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private boolean isArchived(String id) {
        try {
            // The stored bitstream: small, and served without decoding (the gateway has no HEAD for it).
            return http.send(HttpRequest.newBuilder(imageUri(id + ".huvr")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private ServedImage measure(SourceImage image) throws IOException, InterruptedException {
        byte[] bitstream = get(imageUri(image.id() + ".huvr"));
        BufferedImage decoded = readImage(get(imageUri(image.id())), image.id() + " as served");
        BufferedImage original = readImage(image.bytes(), image.id());
        int width = original.getWidth();
        int height = original.getHeight();
        if (decoded.getWidth() != width || decoded.getHeight() != height) {
            throw new IOException(image.id() + " is served at " + decoded.getWidth() + "x" + decoded.getHeight()
                    + ", not " + width + "x" + height);
        }
        double psnr = ImageMetrics.psnrRgb(original.getRGB(0, 0, width, height, null, 0, width),
                decoded.getRGB(0, 0, width, height, null, 0, width));
        return new ServedImage(image.id(), width, height, bitstream.length,
                8.0 * bitstream.length / ((long) width * height), psnr);
    }

    private URI imageUri(String path) {
        return gateway.baseUri().resolve("v1/images/" + path);
    }

    private byte[] get(URI uri) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static BufferedImage readImage(byte[] bytes, String what) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        if (image == null) {
            throw new IOException(what + " is not a readable image");
        }
        return image;
    }

    /** Stops the gateway, the workers (each commits its batch) and the broker, in that order. */
    @Override
    public synchronized void close() throws Exception {
        Exception first = null;
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        running.clear();
        if (first != null) {
            throw first;
        }
    }
}
