package io.huvr.kafka;

import io.huvr.codec.EncodeOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The settings of one encode or decode worker. Every key is a constant of this class with a documented
 * default. Values come from a properties file and are overridden by environment variables named
 * {@code HUVR_KAFKA_} plus the key upper-cased with dots and dashes as underscores
 * ({@code bootstrap.servers} is {@code HUVR_KAFKA_BOOTSTRAP_SERVERS}).
 *
 * <p>Keys starting with {@link #CONSUMER_PREFIX}, {@link #PRODUCER_PREFIX} or {@link #ADMIN_PREFIX} are passed,
 * without the prefix, to that Kafka client (security settings, for example); the settings exactly-once depends
 * on cannot be overridden that way.
 */
public final class WorkerConfig {
    /** Prefix of the environment variables that override keys. */
    public static final String ENV_PREFIX = "HUVR_KAFKA_";

    /** Kafka brokers to bootstrap from. Default {@value #DEFAULT_BOOTSTRAP_SERVERS}. */
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    /** Topic the worker consumes (raw images for an encoder, {@code .huvr} for a decoder). Default {@value #DEFAULT_INPUT_TOPIC}. */
    public static final String INPUT_TOPIC = "input.topic";
    public static final String DEFAULT_INPUT_TOPIC = "huvr-input";

    /** Topic the results go to, with the input record's key. Default {@value #DEFAULT_OUTPUT_TOPIC}. */
    public static final String OUTPUT_TOPIC = "output.topic";
    public static final String DEFAULT_OUTPUT_TOPIC = "huvr-output";

    /** Topic for records that cannot be processed, with reason headers. Default {@value #DEFAULT_DEAD_LETTER_TOPIC}. */
    public static final String DEAD_LETTER_TOPIC = "dead.letter.topic";
    public static final String DEFAULT_DEAD_LETTER_TOPIC = "huvr-dead-letter";

    /** Consumer group: workers sharing it share the input partitions. Default {@value #DEFAULT_GROUP_ID}. */
    public static final String GROUP_ID = "group.id";
    public static final String DEFAULT_GROUP_ID = "huvr-worker";

    /**
     * This worker instance's name, unique within the group and stable across restarts. The transactional id is
     * {@code <group.id>-<worker.id>}, so a restarted instance fences its predecessor and aborts its open
     * transaction; it is also the consumer's {@code group.instance.id} (static membership), so a restarted instance
     * gets its partitions back without waiting for the session timeout. Default: the host name.
     */
    public static final String WORKER_ID = "worker.id";

    /** Model file to load; empty for the codec's built-in model. Default empty. */
    public static final String MODEL_PATH = "model.path";
    public static final String DEFAULT_MODEL_PATH = "";

    /** Encoder operating point, 1 (smallest) to the model's number of operating points. Default {@value EncodeOptions#DEFAULT_QUALITY}. */
    public static final String ENCODE_QUALITY = "encode.quality";
    public static final int DEFAULT_ENCODE_QUALITY = EncodeOptions.DEFAULT_QUALITY;

    /** Encoder effort, 0 (one forward pass) to {@value EncodeOptions#MAX_EFFORT}. Default {@value #DEFAULT_ENCODE_EFFORT}. */
    public static final String ENCODE_EFFORT = "encode.effort";
    public static final int DEFAULT_ENCODE_EFFORT = 0;

    /**
     * Whether the encoder decodes each bitstream it made once and writes the PSNR (RGB, dB) of the result against
     * the input into the header's metadata under {@link io.huvr.format.MetadataKeys#PSNR_RGB}, so that readers
     * without the original (the gateway) can show it. Costs one decode per image. Default
     * {@value #DEFAULT_ENCODE_PSNR}.
     */
    public static final String ENCODE_PSNR = "encode.psnr";
    public static final boolean DEFAULT_ENCODE_PSNR = true;

    /** Most records per poll, hence per transaction. Default {@value #DEFAULT_MAX_POLL_RECORDS}. */
    public static final String MAX_POLL_RECORDS = "max.poll.records";
    public static final int DEFAULT_MAX_POLL_RECORDS = 16;

    /**
     * The consumer's {@code max.poll.interval.ms}. A batch stops taking new records once half of it has passed;
     * the rest are committed later. Default {@value #DEFAULT_MAX_POLL_INTERVAL_MS}.
     */
    public static final String MAX_POLL_INTERVAL_MS = "max.poll.interval.ms";
    public static final int DEFAULT_MAX_POLL_INTERVAL_MS = 300_000;

    /**
     * Largest record value the worker reads or writes, in bytes. Producer {@code max.request.size}, consumer
     * {@code max.partition.fetch.bytes} and created topics' {@code max.message.bytes} are set to it plus
     * {@value #RECORD_OVERHEAD_BYTES} bytes for key, headers and batch framing. Larger results go to the dead-letter
     * topic. Default {@value #DEFAULT_MAX_RECORD_BYTES} (16 MiB).
     */
    public static final String MAX_RECORD_BYTES = "max.record.bytes";
    public static final int DEFAULT_MAX_RECORD_BYTES = 16 * 1024 * 1024;
    /** Room for key, headers and record-batch framing on top of {@link #MAX_RECORD_BYTES}. */
    public static final int RECORD_OVERHEAD_BYTES = 64 * 1024;
    /** The largest {@link #MAX_RECORD_BYTES} accepted: 1 GiB. */
    public static final int MAX_MAX_RECORD_BYTES = 1 << 30;

    /** Largest image, in pixels, the worker encodes or decodes. Default {@value #DEFAULT_MAX_IMAGE_PIXELS} (64 Mpx). */
    public static final String MAX_IMAGE_PIXELS = "max.image.pixels";
    public static final long DEFAULT_MAX_IMAGE_PIXELS = 64L * 1024 * 1024;

    /** Threads running the codec; each keeps its own inference session. Default {@value #DEFAULT_CODEC_THREADS}. */
    public static final String CODEC_THREADS = "codec.threads";
    public static final int DEFAULT_CODEC_THREADS = 1;

    /** Whether the worker creates missing topics at start. Default {@value #DEFAULT_TOPICS_CREATE}. */
    public static final String TOPICS_CREATE = "topics.create";
    public static final boolean DEFAULT_TOPICS_CREATE = true;

    /** Partitions of created topics. Default {@value #DEFAULT_TOPICS_PARTITIONS}. */
    public static final String TOPICS_PARTITIONS = "topics.partitions";
    public static final int DEFAULT_TOPICS_PARTITIONS = 6;

    /** Replication factor of created topics; -1 for the broker's default. Default {@value #DEFAULT_TOPICS_REPLICATION_FACTOR}. */
    public static final String TOPICS_REPLICATION_FACTOR = "topics.replication.factor";
    public static final short DEFAULT_TOPICS_REPLICATION_FACTOR = -1;

    /** Seconds between metric lines in the log of a worker started from its main; 0 for none. Default {@value #DEFAULT_METRICS_LOG_SECONDS}. */
    public static final String METRICS_LOG_SECONDS = "metrics.log.seconds";
    public static final int DEFAULT_METRICS_LOG_SECONDS = 60;

    /** Keys with this prefix go, without it, to the consumer. */
    public static final String CONSUMER_PREFIX = "consumer.";
    /** Keys with this prefix go, without it, to the producer. */
    public static final String PRODUCER_PREFIX = "producer.";
    /** Keys with this prefix go, without it, to the admin client that creates topics. */
    public static final String ADMIN_PREFIX = "admin.";

    private static final Logger LOG = LoggerFactory.getLogger(WorkerConfig.class);

    private final Map<String, String> values;

    private WorkerConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
        // Fail at start, not on the first record.
        for (String key : new String[] {MAX_POLL_RECORDS, MAX_POLL_INTERVAL_MS, MAX_RECORD_BYTES, CODEC_THREADS,
                TOPICS_PARTITIONS}) {
            if (values.containsKey(key) && integer(key, 1) < 1) {
                throw new IllegalArgumentException(key + " must be positive, got " + values.get(key));
            }
        }
        if (maxRecordBytes() > MAX_MAX_RECORD_BYTES) {
            throw new IllegalArgumentException(MAX_RECORD_BYTES + " must be at most " + MAX_MAX_RECORD_BYTES);
        }
        if (maxImagePixels() < 1) {
            throw new IllegalArgumentException(MAX_IMAGE_PIXELS + " must be positive, got " + values.get(MAX_IMAGE_PIXELS));
        }
        if (Stream.of(inputTopic(), outputTopic(), deadLetterTopic()).distinct().count() != 3) {
            throw new IllegalArgumentException(INPUT_TOPIC + ", " + OUTPUT_TOPIC + " and " + DEAD_LETTER_TOPIC
                    + " must be three different topics");
        }
        encodeOptions();
        encodePsnr();
        topicsCreate();
        topicsReplicationFactor();
        metricsLogSeconds();
        List<String> known = keys();
        values.keySet().stream()
                .filter(k -> !known.contains(k) && !k.startsWith(CONSUMER_PREFIX) && !k.startsWith(PRODUCER_PREFIX)
                        && !k.startsWith(ADMIN_PREFIX))
                .sorted()
                .forEach(k -> LOG.warn("unknown setting {} is ignored", k));
    }

    /** A configuration of these values over the defaults. */
    public static WorkerConfig of(Map<String, String> values) {
        return new WorkerConfig(values);
    }

    /**
     * The properties file (if not null) with the environment's {@code HUVR_KAFKA_*} variables over it.
     *
     * @throws IOException when the file cannot be read
     */
    public static WorkerConfig load(Path propertiesFile, Map<String, String> environment) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        if (propertiesFile != null) {
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
                properties.load(in);
            }
            properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k).trim()));
        }
        Map<String, String> byVariable = new LinkedHashMap<>();
        for (String key : keys()) {
            byVariable.put(environmentVariable(key), key);
        }
        values.keySet().forEach(k -> byVariable.put(environmentVariable(k), k));
        environment.forEach((variable, value) -> {
            String key = byVariable.get(variable);
            if (key != null) {
                values.put(key, value.trim());
            }
        });
        return new WorkerConfig(values);
    }

    /** The environment variable that overrides a key. */
    public static String environmentVariable(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Every key this class defines, without the client prefixes. */
    public static List<String> keys() {
        return List.of(BOOTSTRAP_SERVERS, INPUT_TOPIC, OUTPUT_TOPIC, DEAD_LETTER_TOPIC, GROUP_ID, WORKER_ID,
                MODEL_PATH, ENCODE_QUALITY, ENCODE_EFFORT, ENCODE_PSNR, MAX_POLL_RECORDS, MAX_POLL_INTERVAL_MS,
                MAX_RECORD_BYTES, MAX_IMAGE_PIXELS, CODEC_THREADS, TOPICS_CREATE, TOPICS_PARTITIONS,
                TOPICS_REPLICATION_FACTOR, METRICS_LOG_SECONDS);
    }

    public String bootstrapServers() {
        return string(BOOTSTRAP_SERVERS, DEFAULT_BOOTSTRAP_SERVERS);
    }

    public String inputTopic() {
        return string(INPUT_TOPIC, DEFAULT_INPUT_TOPIC);
    }

    public String outputTopic() {
        return string(OUTPUT_TOPIC, DEFAULT_OUTPUT_TOPIC);
    }

    public String deadLetterTopic() {
        return string(DEAD_LETTER_TOPIC, DEFAULT_DEAD_LETTER_TOPIC);
    }

    public String groupId() {
        return string(GROUP_ID, DEFAULT_GROUP_ID);
    }

    public String workerId() {
        String id = values.get(WORKER_ID);
        if (id != null && !id.isEmpty()) {
            return id;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(WORKER_ID + " is not set and the host has no name", e);
        }
    }

    /** {@code <group.id>-<worker.id>}. */
    public String transactionalId() {
        return groupId() + "-" + workerId();
    }

    /** The model file, or null for the built-in model. */
    public Path modelPath() {
        String path = string(MODEL_PATH, DEFAULT_MODEL_PATH);
        return path.isEmpty() ? null : Path.of(path);
    }

    public EncodeOptions encodeOptions() {
        return new EncodeOptions(integer(ENCODE_QUALITY, DEFAULT_ENCODE_QUALITY),
                integer(ENCODE_EFFORT, DEFAULT_ENCODE_EFFORT), EncodeOptions.DEFAULT_CODER);
    }

    public boolean encodePsnr() {
        return bool(ENCODE_PSNR, DEFAULT_ENCODE_PSNR);
    }

    public int maxPollRecords() {
        return integer(MAX_POLL_RECORDS, DEFAULT_MAX_POLL_RECORDS);
    }

    public int maxPollIntervalMs() {
        return integer(MAX_POLL_INTERVAL_MS, DEFAULT_MAX_POLL_INTERVAL_MS);
    }

    public int maxRecordBytes() {
        return integer(MAX_RECORD_BYTES, DEFAULT_MAX_RECORD_BYTES);
    }

    /** {@link #maxRecordBytes()} plus {@link #RECORD_OVERHEAD_BYTES}: the size limit given to Kafka. */
    public int kafkaMessageBytes() {
        return maxRecordBytes() + RECORD_OVERHEAD_BYTES;
    }

    public long maxImagePixels() {
        String value = values.get(MAX_IMAGE_PIXELS);
        return value == null ? DEFAULT_MAX_IMAGE_PIXELS : parse(MAX_IMAGE_PIXELS, value);
    }

    public int codecThreads() {
        return integer(CODEC_THREADS, DEFAULT_CODEC_THREADS);
    }

    public boolean topicsCreate() {
        return bool(TOPICS_CREATE, DEFAULT_TOPICS_CREATE);
    }

    public int topicsPartitions() {
        return integer(TOPICS_PARTITIONS, DEFAULT_TOPICS_PARTITIONS);
    }

    public short topicsReplicationFactor() {
        int factor = integer(TOPICS_REPLICATION_FACTOR, DEFAULT_TOPICS_REPLICATION_FACTOR);
        if (factor == 0 || factor < -1 || factor > Short.MAX_VALUE) {
            throw new IllegalArgumentException(TOPICS_REPLICATION_FACTOR + " must be -1 or positive, got " + factor);
        }
        return (short) factor;
    }

    public int metricsLogSeconds() {
        int seconds = integer(METRICS_LOG_SECONDS, DEFAULT_METRICS_LOG_SECONDS);
        if (seconds < 0) {
            throw new IllegalArgumentException(METRICS_LOG_SECONDS + " must not be negative, got " + seconds);
        }
        return seconds;
    }

    /** The entries under a client prefix, without it. */
    public Map<String, Object> clientOverrides(String prefix) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                overrides.put(k.substring(prefix.length()), v);
            }
        });
        return overrides;
    }

    private String string(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    private boolean bool(String key, boolean defaultValue) {
        String value = string(key, Boolean.toString(defaultValue));
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException(key + " must be true or false, got " + value);
        }
        return Boolean.parseBoolean(value);
    }

    private int integer(String key, int defaultValue) {
        String value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        long parsed = parse(key, value);
        if (parsed != (int) parsed) {
            throw new IllegalArgumentException(key + " is out of range: " + value);
        }
        return (int) parsed;
    }

    private static long parse(String key, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + value + "'");
        }
    }
}
