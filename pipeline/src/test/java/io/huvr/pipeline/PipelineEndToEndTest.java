package io.huvr.pipeline;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole pipeline as the command runs it: embedded KRaft broker, encode and decode workers with the shipped
 * {@code huvr-s} model at the default quality, and the built gateway as a child process. Every sample photo is
 * archived exactly once and served decoded within the model's PSNR band; the page shows them in headless
 * Chromium (when installed) with the bits per pixel of the served bitstream and the PSNR the encode worker wrote
 * into it, which must agree with the PSNR measured here on the served image; the gateway answers on the Kubernetes
 * manifests' probe paths; an unreadable record is reported as dead-lettered; a second run on the same work
 * directory resumes and duplicates nothing.
 */
class PipelineEndToEndTest {
    /**
     * PSNR (RGB) of huvr-s at quality 3 on the samples, measured 29.32 dB (chelsea) and 26.20 dB (coffee); the band
     * leaves room for rounding across CPUs and catches a wrong model, quality or broken decoding.
     */
    private static final double MIN_PSNR = 25.0;
    private static final double MAX_PSNR = 30.5;
    /** Measured 0.303 and 0.369 bits per pixel (the stamped PSNR adds a few bytes to `huvr eval`'s files). */
    private static final double MIN_BPP = 0.2;
    private static final double MAX_BPP = 0.8;
    /**
     * The page's PSNR (the encode worker's, two decimals) against the one measured on the served image: the same
     * decoding of the same bitstream, so only the rounding to two decimals should part them.
     */
    private static final double PAGE_PSNR_TOLERANCE = 0.05;
    private static final Pattern PAGE_PSNR = Pattern.compile("PSNR (\\d+\\.\\d\\d) dB");
    private static final Duration SERVE_TIMEOUT = Duration.ofMinutes(3);
    private static final Path GATEWAY_JAR = Path.of(System.getProperty("huvr.pipeline.gateway-jar",
            "../quarkus-gateway/target/quarkus-app/quarkus-run.jar"));
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path workDirectory;

    @Test
    void archivesEverySampleOnceServesItWithinTheBandAndResumesWithoutDuplicates() throws Exception {
        assertTrue(Files.isRegularFile(GATEWAY_JAR), "build the gateway first: " + GATEWAY_JAR);
        List<SourceImage> samples = SourceImage.samples();
        Map<String, Long> once = samples.stream().collect(Collectors.toMap(SourceImage::id, s -> 1L, (a, b) -> a,
                TreeMap::new));

        // A record no worker can encode: reported as dead-lettered instead of waited for.
        List<SourceImage> published = new ArrayList<>(samples);
        published.add(new SourceImage("not-an-image", "plain text".getBytes(StandardCharsets.UTF_8)));

        try (Pipeline first = Pipeline.start(config(), System.out::println)) {
            assertEquals(published.size(), first.publishMissing(published));
            List<ServedImage> served = first.awaitServed(published, SERVE_TIMEOUT);
            assertEquals(once.keySet(), served.stream().map(ServedImage::id).collect(Collectors.toSet()));
            for (ServedImage image : served) {
                assertTrue(image.psnr() >= MIN_PSNR && image.psnr() <= MAX_PSNR, "PSNR out of band: " + image);
                assertTrue(image.bitsPerPixel() >= MIN_BPP && image.bitsPerPixel() <= MAX_BPP, "bpp: " + image);
            }
            assertEquals(once, recordsByKey(first.bootstrapServers(), PipelineConfig.ENCODED_TOPIC, samples.size()));
            assertEquals(once, recordsByKey(first.bootstrapServers(), PipelineConfig.DECODED_TOPIC, samples.size()));
            assertThePageShows(first.gatewayUri(), served);
            assertTheProbePathsAnswer(first.gatewayUri());
        }

        try (Pipeline again = Pipeline.start(config(), System.out::println)) {
            assertEquals(0, again.publishMissing(published), "a rerun publishes nothing already published");
            assertEquals(samples.size(), again.awaitServed(published, SERVE_TIMEOUT).size());
            Map<String, Long> publishedOnce = new TreeMap<>(once);
            publishedOnce.put("not-an-image", 1L);
            assertEquals(publishedOnce, recordsByKey(again.bootstrapServers(), PipelineConfig.RAW_TOPIC,
                    published.size()));
            assertEquals(once, recordsByKey(again.bootstrapServers(), PipelineConfig.ENCODED_TOPIC, samples.size()));
        }
    }

    private PipelineConfig config() throws IOException {
        return new PipelineConfig(null, 0, workDirectory, true, GATEWAY_JAR, freePort());
    }

    /** Committed records on {@code topic} counted by key, read until {@code expectedKeys} keys were seen. */
    private static Map<String, Long> recordsByKey(String bootstrapServers, String topic, int expectedKeys) {
        Map<String, Long> counts = new TreeMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "huvr-pipeline-test-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            // Until the end offsets (the decoded topic may still be filling: then until every key is there).
            while ((counts.size() < expectedKeys
                    || ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue()))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    counts.merge(record.key(), 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    /** The page lists every served image with its thumbnail, bits per pixel and PSNR; skipped without Chromium. */
    private static void assertThePageShows(URI page, List<ServedImage> served) throws IOException {
        if (!Files.isExecutable(CHROMIUM)) {
            System.out.println("page check skipped: " + CHROMIUM
                    + " is absent (install: apt-get install -y chromium chromium-driver)");
            return;
        }
        assertTrue(Files.isExecutable(CHROMEDRIVER), CHROMIUM + " is installed but " + CHROMEDRIVER + " is not");
        Path profile = Files.createTempDirectory("huvr-chromium-profile");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--no-first-run", "--window-size=1280,1024", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        try {
            browser.get(page.toString());
            Function<String, Long> thumbnailWidth = id -> ((Number) ((JavascriptExecutor) browser).executeScript(
                    "const img = document.querySelector(arguments[0]);"
                            + "return img && img.complete ? img.naturalWidth : 0;",
                    "#archive img[alt='" + id + "']")).longValue();
            Function<String, Function<String, String>> figure = className -> id -> (String) ((JavascriptExecutor) browser)
                    .executeScript("const img = document.querySelector(arguments[0]);"
                            + "const figure = img && img.closest('li').querySelector(arguments[1]);"
                            + "return figure ? figure.textContent : '';", "#archive img[alt='" + id + "']", "." + className);
            Function<String, String> bitsPerPixel = figure.apply("bpp");
            Function<String, String> psnr = figure.apply("psnr");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
            for (ServedImage image : served) {
                wait.until(driver -> thumbnailWidth.apply(image.id()) > 0
                        && !bitsPerPixel.apply(image.id()).isEmpty() && !psnr.apply(image.id()).isEmpty());
                assertEquals(160, thumbnailWidth.apply(image.id()), image.id() + "'s thumbnail width");
                assertEquals(String.format(Locale.ROOT, "%.3f bpp", image.bitsPerPixel()),
                        bitsPerPixel.apply(image.id()), image.id() + "'s bits per pixel on the page");
                Matcher shown = PAGE_PSNR.matcher(psnr.apply(image.id()));
                assertTrue(shown.matches(), image.id() + "'s PSNR on the page: " + psnr.apply(image.id()));
                double pagePsnr = Double.parseDouble(shown.group(1));
                System.out.printf(Locale.ROOT, "%s: %s, PSNR on the page %.2f dB, measured on the served image %.4f dB%n",
                        image.id(), bitsPerPixel.apply(image.id()), pagePsnr, image.psnr());
                assertEquals(image.psnr(), pagePsnr, PAGE_PSNR_TOLERANCE, image.id() + "'s PSNR on the page");
                assertTrue(pagePsnr >= MIN_PSNR && pagePsnr <= MAX_PSNR, image.id() + "'s PSNR on the page is out of band");
            }
        } finally {
            browser.quit();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** What Kubernetes polls on the gateway (docs/deploy/k8s) answers 200 on the real gateway. */
    private static void assertTheProbePathsAnswer(URI gateway) throws Exception {
        Set<String> paths = DeploymentDescriptors.gatewayProbePaths();
        assertEquals(Set.of("/q/health/started", "/q/health/live", "/q/health/ready"), paths);
        HttpClient http = HttpClient.newHttpClient();
        for (String path : paths) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway.resolve(path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), "GET " + path + ": " + response.body());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
