package io.huvr.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.util.Locale;
import java.util.Set;

/**
 * With a Kafka feed configured, ready only once the archive holds what the topic held when the feed started:
 * until then images already encoded by the workers would be answered 404.
 */
@Readiness
@ApplicationScoped
public class KafkaArchiveReadinessCheck implements HealthCheck {
    private static final Set<KafkaArchiveFeed.State> READY = Set.of(KafkaArchiveFeed.State.OFF, KafkaArchiveFeed.State.CAUGHT_UP);

    private final KafkaArchiveFeed feed;

    public KafkaArchiveReadinessCheck(KafkaArchiveFeed feed) {
        this.feed = feed;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaArchiveFeed.State state = feed.state();
        return HealthCheckResponse.named("kafka archive feed").status(READY.contains(state))
                .withData("state", state.name().toLowerCase(Locale.ROOT)).build();
    }
}
