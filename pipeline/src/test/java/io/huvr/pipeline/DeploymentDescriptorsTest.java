package io.huvr.pipeline;

import io.huvr.kafka.WorkerConfig;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.huvr.pipeline.DeploymentDescriptors.list;
import static io.huvr.pipeline.DeploymentDescriptors.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * kubectl and systemd are not at hand, so the deployment descriptors are checked against the code here: every
 * environment variable, config map key, main class, file, port and selector they name must exist, and the worker
 * settings they give must be valid {@link WorkerConfig} values. Renaming a setting without updating them fails
 * this test. That the gateway answers on the probes' paths is checked on the real gateway by
 * {@link PipelineEndToEndTest}. The main classes and files exist after {@code mvn package}.
 */
class DeploymentDescriptorsTest {
    /** Variables the code does not define but the descriptors may set, with why. */
    private static final Map<String, String> OTHER_VARIABLES = Map.of(
            "OMP_NUM_THREADS", "ND4J's OpenMP threads",
            "QUARKUS_HTTP_PORT", "Quarkus's own quarkus.http.port");
    private static final Pattern MAIN_CLASS = Pattern.compile("\\bio\\.huvr\\.[\\w.]+Main\\b");
    private static final Pattern BUILT_FILE = Pattern.compile("[\\w.-]+/target/[\\w./-]+\\.(?:jar|txt)");
    /** The pod name a {@code fieldRef: metadata.name} resolves to, for checking the values. */
    private static final String POD_NAME = "huvr-encode-worker-0";

    @Test
    void theKustomizationListsEveryManifest() throws IOException {
        Map<String, Object> kustomization;
        try (Reader in = Files.newBufferedReader(DeploymentDescriptors.MANIFEST_FOLDER.resolve(DeploymentDescriptors.KUSTOMIZATION))) {
            kustomization = map(new Yaml().load(in));
        }
        assertEquals(DeploymentDescriptors.manifestFiles().stream().map(f -> f.getFileName().toString()).toList(),
                list(kustomization.get("resources")).stream().map(String::valueOf).sorted().toList());
    }

    @Test
    void theManifestsNameOnlyWhatTheCodeDefines() throws Exception {
        List<Map<String, Object>> objects = DeploymentDescriptors.manifests();
        Map<String, Map<String, Object>> configMaps = new HashMap<>();
        DeploymentDescriptors.ofKind(objects, "ConfigMap")
                .forEach(c -> configMaps.put(name(c), map(c.get("data"))));
        List<Map<String, Object>> workloads = new ArrayList<>(DeploymentDescriptors.ofKind(objects, "Deployment"));
        workloads.addAll(DeploymentDescriptors.ofKind(objects, "StatefulSet"));
        assertEquals(3, workloads.size(), "encode workers, decode workers, gateway");
        Set<String> mains = new TreeSet<>();

        for (Map<String, Object> workload : workloads) {
            for (Object c : list(DeploymentDescriptors.podSpec(workload).get("containers"))) {
                Map<String, Object> container = map(c);
                String where = name(workload) + "/" + container.get("name");
                Map<String, String> environment = environment(container, configMaps, where);
                String commandLine = String.join(" ", strings(container.get("command"), container.get("args")));
                mains.addAll(checkCommandLine(commandLine, where));
                if (MAIN_CLASS.matcher(commandLine).find()) {
                    // A worker: its settings parse, as the main would parse them.
                    WorkerConfig config = WorkerConfig.load(null, environment);
                    assertEquals(POD_NAME, config.workerId(), where + ": worker.id is the stable pod name");
                }
                checkPorts(container, environment, where);
            }
        }
        assertEquals(Set.of("io.huvr.kafka.DecodeWorkerMain", "io.huvr.kafka.EncodeWorkerMain"), mains);

        for (Map<String, Object> statefulSet : DeploymentDescriptors.ofKind(objects, "StatefulSet")) {
            String serviceName = (String) map(statefulSet.get("spec")).get("serviceName");
            assertTrue(DeploymentDescriptors.ofKind(objects, "Service").stream().anyMatch(s -> name(s).equals(serviceName)),
                    name(statefulSet) + "'s serviceName " + serviceName + " is no Service of the manifests");
        }
        for (Map<String, Object> service : DeploymentDescriptors.ofKind(objects, "Service")) {
            checkService(service, workloads);
        }
    }

    @Test
    void theSystemdUnitsAndPropertiesInTheDeploymentGuideNameOnlyWhatTheCodeDefines() throws Exception {
        String guide = Files.readString(DeploymentDescriptors.DEPLOYMENT_GUIDE);
        Matcher environment = Pattern.compile("(?m)^\\s*Environment=(\\w+)=").matcher(guide);
        int variables = 0;
        while (environment.find()) {
            checkVariableName(environment.group(1), "docs/deployment.md");
            variables++;
        }
        assertTrue(variables >= 5, "the guide's units set environment variables: " + variables);
        // ExecStart lines continue with a backslash.
        Matcher exec = Pattern.compile("(?m)^\\s*ExecStart=(.*)$").matcher(guide.replaceAll("\\\\\n\\s*", " "));
        Set<String> mains = new TreeSet<>();
        while (exec.find()) {
            mains.addAll(checkCommandLine(exec.group(1), "docs/deployment.md ExecStart"));
        }
        assertTrue(mains.contains("io.huvr.kafka.EncodeWorkerMain"), "the encode worker's unit: " + mains);
        // The properties file of the encode worker: key=value lines of the indented block under its name.
        Matcher block = Pattern.compile("encode-worker\\.properties`[^\\n]*\\n\\n((?: {4}.*\\n)+)").matcher(guide);
        assertTrue(block.find(), "the guide shows encode-worker.properties");
        Map<String, String> properties = new LinkedHashMap<>();
        for (String line : block.group(1).split("\n")) {
            String trimmed = line.trim();
            if (!trimmed.startsWith("#") && trimmed.contains("=")) {
                properties.put(trimmed.substring(0, trimmed.indexOf('=')), trimmed.substring(trimmed.indexOf('=') + 1));
            }
        }
        assertFalse(properties.isEmpty());
        properties.keySet().forEach(key -> assertTrue(WorkerConfig.keys().contains(key),
                "docs/deployment.md: " + key + " is no WorkerConfig key"));
        WorkerConfig.of(properties);
    }

    @Test
    void theGuidesKafkaSizeSettingsAreTheWorkersLimit() throws IOException {
        String guide = Files.readString(DeploymentDescriptors.DEPLOYMENT_GUIDE);
        int limit = WorkerConfig.DEFAULT_MAX_RECORD_BYTES + WorkerConfig.RECORD_OVERHEAD_BYTES;
        Matcher setting = Pattern.compile("\\b([a-z.]+\\.(?:bytes|size))=(\\d+)").matcher(guide);
        Set<String> seen = new TreeSet<>();
        while (setting.find()) {
            seen.add(setting.group(1));
            assertEquals(limit, Integer.parseInt(setting.group(2)), "docs/deployment.md: " + setting.group());
        }
        assertEquals(Set.of("max.message.bytes", "max.partition.fetch.bytes", "max.request.size",
                "message.max.bytes", "replica.fetch.max.bytes"), seen);
    }

    /** The container's variables with their values, config map references resolved; each name checked. */
    private static Map<String, String> environment(Map<String, Object> container,
                                                   Map<String, Map<String, Object>> configMaps, String where) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (Object e : list(container.get("env"))) {
            Map<String, Object> variable = map(e);
            String name = (String) variable.get("name");
            checkVariableName(name, where);
            Map<String, Object> from = map(variable.get("valueFrom"));
            if (variable.containsKey("value")) {
                environment.put(name, String.valueOf(variable.get("value")));
            } else if (from.containsKey("configMapKeyRef")) {
                Map<String, Object> ref = map(from.get("configMapKeyRef"));
                Map<String, Object> data = configMaps.get((String) ref.get("name"));
                assertNotNull(data, where + ": " + name + " refers to config map " + ref.get("name") + ", which no manifest defines");
                assertTrue(data.containsKey((String) ref.get("key")), where + ": " + name + " refers to the missing key "
                        + ref.get("key") + " of " + ref.get("name"));
                environment.put(name, String.valueOf(data.get((String) ref.get("key"))));
            } else if (from.containsKey("secretKeyRef")) {
                // Secrets are the operator's to create; a pod must start without them.
                assertEquals(Boolean.TRUE, map(from.get("secretKeyRef")).get("optional"), where + ": " + name + " needs optional: true");
            } else if (from.containsKey("fieldRef")) {
                assertEquals("metadata.name", map(from.get("fieldRef")).get("fieldPath"), where + ": " + name);
                environment.put(name, POD_NAME);
            } else {
                fail(where + ": " + name + " has no value the test understands: " + variable);
            }
        }
        return environment;
    }

    private static void checkVariableName(String name, String where) {
        boolean known = DeploymentDescriptors.workerEnvironmentVariables().contains(name)
                || DeploymentDescriptors.gatewayEnvironmentVariables().contains(name)
                || OTHER_VARIABLES.containsKey(name);
        assertTrue(known, where + ": " + name + " is no setting of WorkerConfig (" + DeploymentDescriptors.workerEnvironmentVariables()
                + ") or GatewayConfig (" + DeploymentDescriptors.gatewayEnvironmentVariables() + ")");
    }

    /** The main classes a command line runs, each a class with a main method; its built files exist. */
    private static Set<String> checkCommandLine(String commandLine, String where) throws ClassNotFoundException {
        Set<String> mains = new TreeSet<>();
        Matcher main = MAIN_CLASS.matcher(commandLine);
        while (main.find()) {
            Class<?> type = Class.forName(main.group());
            assertTrue(hasMain(type), where + ": " + type.getName() + " has no main method");
            mains.add(type.getName());
        }
        Matcher file = BUILT_FILE.matcher(commandLine);
        assertTrue(file.find(), where + " runs no built file: " + commandLine);
        do {
            assertTrue(Files.isRegularFile(DeploymentDescriptors.REPOSITORY.resolve(file.group())),
                    where + ": the build does not make " + file.group() + " (after mvn package)");
        } while (file.find());
        return mains;
    }

    private static boolean hasMain(Class<?> type) {
        try {
            Method main = type.getMethod("main", String[].class);
            return Modifier.isStatic(main.getModifiers());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** Probes use a declared port; the HTTP port the gateway is told is the one declared. */
    private static void checkPorts(Map<String, Object> container, Map<String, String> environment, String where) {
        Map<String, Integer> byName = new HashMap<>();
        for (Object p : list(container.get("ports"))) {
            Map<String, Object> port = map(p);
            byName.put((String) port.get("name"), (Integer) port.get("containerPort"));
        }
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            if (container.get(probe) != null) {
                Object port = map(map(container.get(probe)).get("httpGet")).get("port");
                assertTrue(byName.containsKey(String.valueOf(port)) || byName.containsValue(port),
                        where + ": " + probe + " uses port " + port + ", not one the container declares: " + byName);
            }
        }
        if (environment.containsKey("QUARKUS_HTTP_PORT")) {
            assertTrue(byName.containsValue(Integer.parseInt(environment.get("QUARKUS_HTTP_PORT"))),
                    where + ": QUARKUS_HTTP_PORT is not a declared container port: " + byName);
        }
    }

    /** A Service selects the pods of a workload, and forwards to ports those pods declare. */
    private static void checkService(Map<String, Object> service, List<Map<String, Object>> workloads) {
        Map<String, Object> spec = map(service.get("spec"));
        Map<String, Object> selector = map(spec.get("selector"));
        List<Map<String, Object>> selected = workloads.stream().filter(w -> map(map(map(map(w.get("spec"))
                .get("template")).get("metadata")).get("labels")).entrySet().containsAll(selector.entrySet())).toList();
        assertFalse(selected.isEmpty(), "Service " + name(service) + " selects no pods: " + selector);
        for (Object p : list(spec.get("ports"))) {
            Object target = map(p).get("targetPort");
            for (Map<String, Object> container : DeploymentDescriptors.containers(selected)) {
                boolean declared = list(container.get("ports")).stream().map(DeploymentDescriptors::map)
                        .anyMatch(port -> target.equals(port.get("name")) || target.equals(port.get("containerPort")));
                assertTrue(declared, "Service " + name(service) + " forwards to port " + target + ", which "
                        + container.get("name") + " does not declare");
            }
        }
    }

    private static String name(Map<String, Object> object) {
        return (String) map(object.get("metadata")).get("name");
    }

    private static List<String> strings(Object... lists) {
        List<String> strings = new ArrayList<>();
        for (Object l : lists) {
            list(l).forEach(item -> strings.add(String.valueOf(item)));
        }
        return strings;
    }
}
