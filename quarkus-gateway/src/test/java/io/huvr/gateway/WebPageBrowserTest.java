package io.huvr.gateway;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web page in headless Chromium: an uploaded photo and its decoded version both render, the figures
 * appear, and the archive's thumbnails load. Skipped when Chromium is not installed; CI installs it with
 * {@code apt-get install -y chromium chromium-driver}.
 */
@QuarkusTest
@WithTestResource(TinyModelResource.class)
class WebPageBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(90);

    @TestHTTPResource("/")
    URL page;

    private Path profile;
    private WebDriver browser;

    @BeforeEach
    void startChromium() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM),
                "skipped: " + CHROMIUM + " is absent (install: apt-get install -y chromium chromium-driver)");
        assertTrue(Files.isExecutable(CHROMEDRIVER),
                CHROMIUM + " is installed but " + CHROMEDRIVER + " is not: apt-get install -y chromium-driver");
        profile = Files.createTempDirectory("huvr-chromium-profile");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-quic", "--no-first-run",
                        "--disable-component-update", "--disable-sync", "--window-size=1280,1024",
                        "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopChromium() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void showsAnUploadNextToItsDecodedVersionWithItsFiguresAndBrowsesTheArchive() throws URISyntaxException {
        given().header(ApiKeyFilter.HEADER, TinyModelResource.API_KEY).contentType("image/png")
                .body(TestImages.gradientPng(40, 30)).put("/v1/images/browsed")
                .then().statusCode(anyOf(equalTo(201), equalTo(200)));

        browser.get(page.toString());
        WebDriverWait wait = new WebDriverWait(browser, PAGE_TIMEOUT);
        wait.until(driver -> naturalWidth("#archive img[alt='browsed']") > 0);
        assertEquals(160, naturalWidth("#archive img[alt='browsed']"));

        Path photo = Path.of(WebPageBrowserTest.class.getClassLoader().getResource(Photos.IHC).toURI());
        browser.findElement(By.id("file")).sendKeys(photo.toAbsolutePath().toString());
        browser.findElement(By.id("encode")).click();
        wait.until(driver -> driver.findElement(By.id("figures")).isDisplayed());
        wait.until(driver -> naturalWidth("#decoded") > 0 && naturalWidth("#original") > 0);

        assertEquals(200, naturalWidth("#original"));
        assertEquals(200, naturalWidth("#decoded"));
        assertEquals("200 × 190", text("size"));
        assertTrue(text("bpp").matches("\\d+\\.\\d{3}"), "bits per pixel: " + text("bpp"));
        assertTrue(text("psnr").matches("\\d+\\.\\d{2} dB"), "PSNR: " + text("psnr"));
        assertTrue(text("bytes").matches("\\d+ bytes"), "bytes: " + text("bytes"));
    }

    private long naturalWidth(String selector) {
        Object width = ((JavascriptExecutor) browser).executeScript(
                "const img = document.querySelector(arguments[0]);"
                        + "return img && img.complete ? img.naturalWidth : 0;", selector);
        return ((Number) width).longValue();
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }
}
