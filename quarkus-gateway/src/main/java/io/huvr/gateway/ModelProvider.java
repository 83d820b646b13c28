package io.huvr.gateway;

import io.huvr.codec.HuvrDecoder;
import io.huvr.codec.HuvrEncoder;
import io.huvr.codec.model.HuvrModel;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads the configured model once, at start-up. A model that fails to load leaves the gateway up but
 * not ready (the readiness check says why), and every codec request is answered 503.
 */
@Startup
@ApplicationScoped
public class ModelProvider {
    private static final Logger LOG = Logger.getLogger(ModelProvider.class);

    private final GatewayConfig config;
    private volatile HuvrModel model;
    private volatile HuvrEncoder encoder;
    private volatile HuvrDecoder decoder;
    private volatile String failure = "not loaded yet";

    public ModelProvider(GatewayConfig config) {
        this.config = config;
    }

    @PostConstruct
    void load() {
        String source = config.model();
        try {
            HuvrModel loaded = GatewayConfig.BUILTIN_MODEL.equals(source) ? HuvrModel.loadDefault() : HuvrModel.load(Path.of(source));
            encoder = new HuvrEncoder(loaded);
            decoder = new HuvrDecoder(loaded);
            model = loaded;
            LOG.infof("loaded model %s (%s) from %s", loaded.name(), loaded.sha256Hex(), source);
        } catch (IOException | RuntimeException e) {
            failure = "model " + source + " failed to load: " + e.getMessage();
            LOG.error(failure);
        }
    }

    /** The model, or a 503 problem when it did not load. */
    public HuvrModel model() {
        requireLoaded();
        return model;
    }

    /** The encoder of the model (thread-safe), or a 503 problem when the model did not load. */
    public HuvrEncoder encoder() {
        requireLoaded();
        return encoder;
    }

    /** The decoder of the model (thread-safe), or a 503 problem when the model did not load. */
    public HuvrDecoder decoder() {
        requireLoaded();
        return decoder;
    }

    private void requireLoaded() {
        if (model == null) {
            throw new ProblemException(503, "model-unavailable", failure);
        }
    }

    public boolean loaded() {
        return model != null;
    }

    /** Why the model is not loaded (meaningful only when {@link #loaded()} is false). */
    public String failure() {
        return failure;
    }
}
