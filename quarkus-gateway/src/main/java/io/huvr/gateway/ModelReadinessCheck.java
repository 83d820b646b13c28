package io.huvr.gateway;

import io.huvr.codec.model.HuvrModel;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once the model is loaded: without it the gateway can neither encode nor decode. */
@Readiness
@ApplicationScoped
public class ModelReadinessCheck implements HealthCheck {
    private final ModelProvider models;

    public ModelReadinessCheck(ModelProvider models) {
        this.models = models;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("model loaded");
        if (!models.loaded()) {
            return response.down().withData("error", models.failure()).build();
        }
        HuvrModel model = models.model();
        return response.up().withData("name", model.name()).withData("sha256", model.sha256Hex()).build();
    }
}
