package io.huvr.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** The gateway's settings, under {@code huvr.gateway}. */
@ConfigMapping(prefix = "huvr.gateway")
public interface GatewayConfig {
    /** The value of {@link #model()} that selects the model built into the codec. */
    String BUILTIN_MODEL = "builtin";

    /** {@value #BUILTIN_MODEL}, or the path of a {@code .huvrm} model file. */
    @WithDefault(BUILTIN_MODEL)
    String model();

    Archive archive();

    Workers workers();

    Cache cache();

    Auth auth();

    Limits limits();

    Kafka kafka();

    interface Archive {
        /** The directory holding {@code <id>.huvr} files; created when missing. */
        @WithDefault("archive")
        Path dir();
    }

    interface Workers {
        /** Codec threads: each keeps its own inference session, so this also bounds the model's memory. */
        @WithDefault("1")
        int threads();

        /** Requests waiting for a codec thread; beyond this the gateway answers 503. */
        @WithDefault("16")
        int queue();

        /** How long a request may wait for and use a codec thread before it is answered 503. */
        @WithDefault("30s")
        Duration timeout();

        /** The Retry-After the gateway suggests when it is saturated. */
        @WithDefault("2s")
        Duration retryAfter();
    }

    interface Cache {
        /** Memory of decoded images kept, counted as 4 bytes a pixel. */
        @WithDefault("268435456")
        long maxBytes();
    }

    interface Auth {
        /** Keys accepted in the {@code X-API-Key} header; without any key, writes are refused. */
        Optional<Set<String>> apiKeys();

        /** Whether reading (decode, encode, archive downloads) also needs a key. */
        @WithDefault("false")
        boolean protectReads();
    }

    /** The archive's feed from the Kafka encode workers' output topic; off unless bootstrap servers are set. */
    interface Kafka {
        /** Kafka brokers; when absent the gateway does not consume anything. */
        Optional<String> bootstrapServers();

        /** The encode workers' output topic. */
        @WithDefault("huvr-output")
        String topic();

        /** The gateway's consumer group: gateways sharing an archive directory share it. */
        @WithDefault("huvr-gateway-archive")
        String groupId();
    }

    interface Limits {
        /** Largest image, in pixels, the gateway reads, encodes, decodes or renders. */
        @WithDefault("40000000")
        long maxPixels();
    }
}
