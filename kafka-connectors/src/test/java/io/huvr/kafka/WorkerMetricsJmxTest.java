package io.huvr.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The mains' meters are readable over JMX, the standard way a JVM's metrics are scraped. */
class WorkerMetricsJmxTest {
    @Test
    void workerMetersAppearAsMBeans() throws Exception {
        MeterRegistry registry = WorkerMain.registry(0);
        try {
            registry.counter("huvr.test.records", "outcome", "converted").increment(3);
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            Set<ObjectName> names = server.queryNames(new ObjectName(WorkerMain.JMX_DOMAIN + ":*"), null);
            ObjectName counter = names.stream().filter(n -> n.toString().contains("huvrTestRecords")).findFirst()
                    .orElseThrow(() -> new AssertionError("no MBean for the counter among " + names));
            assertEquals(3.0, ((Number) server.getAttribute(counter, "Count")).doubleValue());
        } finally {
            registry.close();
        }
    }
}
