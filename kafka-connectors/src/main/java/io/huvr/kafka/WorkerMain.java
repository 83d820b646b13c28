package io.huvr.kafka;

import io.huvr.codec.model.HuvrModel;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.logging.LoggingMeterRegistry;
import io.micrometer.core.instrument.logging.LoggingRegistryConfig;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.jmx.JmxConfig;
import io.micrometer.jmx.JmxMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@link EncodeWorkerMain} and {@link DecodeWorkerMain} share: configuration from an optional properties file
 * (the only argument) and the environment, the model, a metrics registry exposed over JMX (and logged), and a shutdown hook so that
 * SIGTERM closes the worker cleanly.
 */
final class WorkerMain {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);
    /** The JMX domain of the workers' meters. */
    static final String JMX_DOMAIN = "huvr.kafka";

    /** Builds one kind of worker. */
    @FunctionalInterface
    interface WorkerFactory {
        StreamWorker create(WorkerConfig config, HuvrModel model, MeterRegistry registry);
    }

    private WorkerMain() {
    }

    /** Runs a worker until SIGTERM or a fatal error; returns the process exit status. */
    static int run(String command, String[] args, WorkerFactory factory) {
        if (args.length > 1 || (args.length == 1 && args[0].startsWith("-"))) {
            System.err.println("usage: " + command + " [worker.properties]   (keys: kafka-connectors/README.md; "
                    + WorkerConfig.ENV_PREFIX + "* environment variables override them)");
            return 2;
        }
        StreamWorker worker;
        MeterRegistry registry;
        try {
            WorkerConfig config = WorkerConfig.load(args.length == 1 ? Path.of(args[0]) : null, System.getenv());
            Path modelPath = config.modelPath();
            HuvrModel model = modelPath == null ? HuvrModel.loadDefault() : HuvrModel.load(modelPath);
            registry = registry(config.metricsLogSeconds());
            worker = factory.create(config, model, registry);
            worker.start();
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            System.err.println(command + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                worker.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "huvr-shutdown"));
        try {
            Throwable failure = worker.awaitStop();
            registry.close();
            if (failure != null) {
                LOG.error("{} stopped: {}", command, failure.toString());
                return 1;
            }
            return 0;
        } catch (InterruptedException e) {
            return 1;
        }
    }

    /** The meters under JMX domain {@value #JMX_DOMAIN}, and logged every {@code logSeconds} unless 0. */
    static MeterRegistry registry(int logSeconds) {
        CompositeMeterRegistry registry = new CompositeMeterRegistry();
        registry.add(new JmxMeterRegistry(new JmxConfig() {
            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public String domain() {
                return JMX_DOMAIN;
            }
        }, Clock.SYSTEM));
        if (logSeconds > 0) {
            registry.add(loggingRegistry(logSeconds));
        }
        return registry;
    }

    private static MeterRegistry loggingRegistry(int logSeconds) {
        LoggingRegistryConfig config = new LoggingRegistryConfig() {
            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public Duration step() {
                return Duration.ofSeconds(logSeconds);
            }
        };
        return new LoggingMeterRegistry(config, Clock.SYSTEM);
    }
}
