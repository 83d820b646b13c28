package io.huvr.codec.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds the metrics to the scores that the numpy reference ({@code rd_anchors.py}) gives for
 * the committed image pairs; {@code src/test/resources/metrics/README.md} says how they were made.
 */
class ImageMetricsReferenceTest {

    private static final String RESOURCES = "/metrics/";
    private static final double PSNR_TOLERANCE_DB = 0.001;
    private static final double SSIM_TOLERANCE = 0.0001;

    record ReferenceScores(String reference, String distorted, Metrics expected) {
        @Override
        public String toString() {
            return reference + " vs " + distorted;
        }
    }

    static Stream<ReferenceScores> referenceScores() throws IOException {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(resource("reference_scores.csv"), StandardCharsets.UTF_8))) {
            return reader.lines().skip(1).map(ImageMetricsReferenceTest::parse).toList().stream();
        }
    }

    private static ReferenceScores parse(String line) {
        String[] fields = line.split(",");
        return new ReferenceScores(fields[0], fields[1], new Metrics(Double.parseDouble(fields[2]),
                Double.parseDouble(fields[3]), Double.parseDouble(fields[4]), Double.parseDouble(fields[5])));
    }

    @ParameterizedTest
    @MethodSource("referenceScores")
    void matchesNumpyReference(ReferenceScores pair) {
        BufferedImage reference = image(pair.reference());
        BufferedImage distorted = image(pair.distorted());
        Metrics expected = pair.expected();

        Metrics actual = ImageMetrics.all(reference, distorted);

        assertEquals(expected.psnrRgb(), actual.psnrRgb(), PSNR_TOLERANCE_DB, "PSNR");
        assertEquals(expected.ssimRgb(), actual.ssimRgb(), SSIM_TOLERANCE, "SSIM RGB");
        assertEquals(expected.ssimLuma(), actual.ssimLuma(), SSIM_TOLERANCE, "SSIM luma");
        assertEquals(expected.msssimRgb(), actual.msssimRgb(), SSIM_TOLERANCE, "MS-SSIM RGB");
    }

    @ParameterizedTest
    @MethodSource("referenceScores")
    void singleMetricsAgreeWithAll(ReferenceScores pair) {
        BufferedImage reference = image(pair.reference());
        int width = reference.getWidth();
        int height = reference.getHeight();
        int[] a = reference.getRGB(0, 0, width, height, null, 0, width);
        int[] b = image(pair.distorted()).getRGB(0, 0, width, height, null, 0, width);

        Metrics all = ImageMetrics.all(a, b, width, height);

        assertEquals(all, new Metrics(ImageMetrics.psnrRgb(a, b), ImageMetrics.ssimRgb(a, b, width, height),
                ImageMetrics.ssimLuma(a, b, width, height), ImageMetrics.msssimRgb(a, b, width, height)));
    }

    private static BufferedImage image(String name) {
        try (InputStream in = resource(name)) {
            return ImageIO.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = ImageMetricsReferenceTest.class.getResourceAsStream(RESOURCES + name);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + RESOURCES + name);
        }
        return in;
    }
}
