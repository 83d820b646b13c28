package io.huvr.pipeline;

import io.huvr.gateway.GatewayConfig;
import io.huvr.kafka.WorkerConfig;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The deployment descriptors under {@code docs/} (Kubernetes manifests, systemd units) and the names the code
 * defines for them to use: the workers' and the gateway's environment variables.
 */
final class DeploymentDescriptors {
    static final Path REPOSITORY = Path.of(System.getProperty("huvr.repository", ".."));
    static final Path MANIFEST_FOLDER = REPOSITORY.resolve("docs/deploy/k8s");
    static final String KUSTOMIZATION = "kustomization.yaml";
    static final Path DEPLOYMENT_GUIDE = REPOSITORY.resolve("docs/deployment.md");
    private static final String GATEWAY_PREFIX = "huvr.gateway";

    private DeploymentDescriptors() {
    }

    /** Every object of every manifest in the folder, the kustomization aside, in file order. */
    static List<Map<String, Object>> manifests() throws IOException {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Path file : manifestFiles()) {
            try (Reader in = Files.newBufferedReader(file)) {
                for (Object document : new Yaml().loadAll(in)) {
                    if (document != null) {
                        objects.add(map(document));
                    }
                }
            }
        }
        return objects;
    }

    static List<Path> manifestFiles() throws IOException {
        try (Stream<Path> files = Files.list(MANIFEST_FOLDER)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml"))
                    .filter(f -> !f.getFileName().toString().equals(KUSTOMIZATION)).sorted().toList();
        }
    }

    /** The objects of one kind, such as {@code Deployment}. */
    static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    /** The paths of the gateway's HTTP probes: what Kubernetes polls on the gateway. */
    static Set<String> gatewayProbePaths() throws IOException {
        Set<String> paths = new TreeSet<>();
        for (Map<String, Object> container : containers(ofKind(manifests(), "Deployment"))) {
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                if (container.get(probe) != null) {
                    paths.add((String) map(map(container.get(probe)).get("httpGet")).get("path"));
                }
            }
        }
        return paths;
    }

    /** The containers of workloads (Deployments, StatefulSets), from their pod templates. */
    static List<Map<String, Object>> containers(List<Map<String, Object>> workloads) {
        List<Map<String, Object>> containers = new ArrayList<>();
        for (Map<String, Object> workload : workloads) {
            list(podSpec(workload).get("containers")).forEach(c -> containers.add(map(c)));
        }
        return containers;
    }

    static Map<String, Object> podSpec(Map<String, Object> workload) {
        return map(map(map(workload.get("spec")).get("template")).get("spec"));
    }

    /** {@code HUVR_KAFKA_*}: one variable per {@link WorkerConfig} key. */
    static Set<String> workerEnvironmentVariables() {
        Set<String> names = new TreeSet<>();
        WorkerConfig.keys().forEach(key -> names.add(WorkerConfig.environmentVariable(key)));
        return names;
    }

    /**
     * {@code HUVR_GATEWAY_*}: one variable per leaf of {@link GatewayConfig}, named as SmallRye Config maps
     * environment variables (the property in kebab case, upper case, other characters as underscores).
     */
    static Set<String> gatewayEnvironmentVariables() {
        Set<String> names = new TreeSet<>();
        collectGatewayProperties(GatewayConfig.class, GATEWAY_PREFIX, names);
        return names;
    }

    private static void collectGatewayProperties(Class<?> group, String prefix, Set<String> into) {
        for (Method method : group.getDeclaredMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isSynthetic()) {
                continue;
            }
            String property = prefix + "." + method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                    .toLowerCase(Locale.ROOT);
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getEnclosingClass() == GatewayConfig.class) {
                collectGatewayProperties(type, property, into);
            } else {
                into.add(property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object yaml) {
        return yaml == null ? Map.of() : (Map<String, Object>) yaml;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object yaml) {
        return yaml == null ? List.of() : (List<Object>) yaml;
    }
}
