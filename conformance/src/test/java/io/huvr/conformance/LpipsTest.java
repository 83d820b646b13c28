package io.huvr.conformance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LPIPS arithmetic on small synthetic networks whose distances can be worked out by hand. */
class LpipsTest {
    /** One 1x1 conv stage, 3 -> 2 channels, so every quantity is a short sum. */
    private static final List<Lpips.Stage> ONE_STAGE = List.of(new Lpips.Stage(0, 3, 2, 1, 1, 0, false));

    private static BufferedImage solid(int width, int height, int rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    private static Map<String, float[]> oneStageWeights() {
        Map<String, float[]> w = new LinkedHashMap<>();
        // Channel 0 sees R, channel 1 sees G; B is ignored.
        w.put("features.0.weight", new float[] {1, 0, 0, 0, 1, 0});
        w.put("features.0.bias", new float[] {0, 0});
        w.put("lin0.model.1.weight", new float[] {0.5f, 2});
        return w;
    }

    /** LPIPS's scaling layer for a channel value in [-1, 1]. */
    private static double scaled(int sample, double shift, double scale) {
        return ((sample / 127.5f - 1f) - shift) / scale;
    }

    @Test
    void distanceIsTheWeightedSquaredDifferenceOfUnitNormalisedFeatures() throws IOException {
        Lpips lpips = new Lpips(ONE_STAGE, oneStageWeights());
        // Both pixels give positive features; their unit vectors differ.
        double r1 = scaled(255, -0.030, 0.458);
        double g1 = scaled(128, -0.088, 0.448);
        double r2 = scaled(128, -0.030, 0.458);
        double g2 = scaled(255, -0.088, 0.448);
        double n1 = Math.hypot(r1, g1);
        double n2 = Math.hypot(r2, g2);
        double expected = 0.5 * Math.pow(r1 / n1 - r2 / n2, 2) + 2 * Math.pow(g1 / n1 - g2 / n2, 2);
        double actual = lpips.distance(solid(3, 2, 0xff8000), solid(3, 2, 0x80ff00));
        assertEquals(expected, actual, 1e-5);
        assertEquals(actual, lpips.distance(solid(3, 2, 0x80ff00), solid(3, 2, 0xff8000)), 1e-12);
    }

    /**
     * The full AlexNet topology (11x11 stride 4, pools, padded 5x5 and 3x3 stages) on weights and
     * images from closed formulas, against the float64 NumPy formulation in
     * {@code tools/lpips_numpy_reference.py}, which printed the expected value.
     */
    @Test
    void alexNetTopologyAgreesWithTheNumpyFormulation() throws IOException {
        Map<String, float[]> w = new LinkedHashMap<>();
        for (int k = 0; k < Lpips.ALEXNET.size(); k++) {
            Lpips.Stage s = Lpips.ALEXNET.get(k);
            float[] weight = new float[s.out() * s.in() * s.kernel() * s.kernel()];
            for (int i = 0; i < weight.length; i++) {
                weight[i] = (float) (0.1 * Math.sin(0.37 * i + s.index()));
            }
            float[] bias = new float[s.out()];
            float[] linear = new float[s.out()];
            for (int i = 0; i < s.out(); i++) {
                bias[i] = (float) (0.05 * Math.cos(0.11 * i + s.index()));
                linear[i] = (float) (0.5 + 0.5 * Math.sin(1.3 * i + k));
            }
            w.put("features." + s.index() + ".weight", weight);
            w.put("features." + s.index() + ".bias", bias);
            w.put("lin" + k + ".model.1.weight", linear);
        }
        BufferedImage a = new BufferedImage(47, 39, BufferedImage.TYPE_INT_RGB);
        BufferedImage b = new BufferedImage(47, 39, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 39; y++) {
            for (int x = 0; x < 47; x++) {
                int pa = 0;
                int pb = 0;
                for (int c = 0; c < 3; c++) {
                    pa = pa << 8 | (x * 37 + y * 91 + c * 53) % 256;
                    pb = pb << 8 | (x * x + 3 * y * y + 7 * c + x * y) % 256;
                }
                a.setRGB(x, y, pa);
                b.setRGB(x, y, pb);
            }
        }
        assertEquals(1.7624209656877572, new Lpips(Lpips.ALEXNET, w).distance(a, b), 2e-5);
    }

    @Test
    void identicalImagesAreAtDistanceZero() throws IOException {
        Lpips lpips = new Lpips(ONE_STAGE, oneStageWeights());
        assertEquals(0, lpips.distance(solid(4, 4, 0x336699), solid(4, 4, 0x336699)), 0);
    }

    @Test
    void poolingAndStridedPaddedConvolutionShrinkAsTorchvisionDoes() throws IOException {
        // 7x7 -> pool 3x3 -> conv k3 s2 p1 -> 2x2: defined. 2x2 -> pool: nothing left, so undefined.
        List<Lpips.Stage> stages = List.of(new Lpips.Stage(0, 3, 1, 3, 2, 1, true));
        Map<String, float[]> w = new LinkedHashMap<>();
        float[] kernel = new float[27];
        kernel[4] = 1; // centre tap of the R plane
        w.put("features.0.weight", kernel);
        w.put("features.0.bias", new float[] {0.5f});
        w.put("lin0.model.1.weight", new float[] {1});
        Lpips lpips = new Lpips(stages, w);
        assertEquals(0, lpips.distance(solid(7, 7, 0xffffff), solid(7, 7, 0x808080)), 1e-12,
                "one channel normalises to 1 for both images");
        assertTrue(Double.isNaN(lpips.distance(solid(2, 2, 0), solid(2, 2, 0))));
    }

    @Test
    void weightFileRoundTripsAndMisSizedTensorsAreNamed(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(Lpips.MAGIC);
        Map<String, float[]> weights = oneStageWeights();
        bytes.write(le(4).putInt(weights.size()).array());
        int[][] shapes = {{2, 3, 1, 1}, {2}, {1, 2, 1, 1}};
        int i = 0;
        for (Map.Entry<String, float[]> e : weights.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            bytes.write(le(2).putShort((short) name.length).array());
            bytes.write(name);
            bytes.write(shapes[i].length);
            for (int dim : shapes[i]) {
                bytes.write(le(4).putInt(dim).array());
            }
            ByteBuffer data = le(4 * e.getValue().length);
            data.asFloatBuffer().put(e.getValue());
            bytes.write(data.array());
            i++;
        }
        Map<String, float[]> read = Lpips.readTensors(new ByteArrayInputStream(bytes.toByteArray()));
        assertArrayEquals(weights.get("lin0.model.1.weight"), read.get("lin0.model.1.weight"));
        Path file = dir.resolve("partial.lpips");
        Files.write(file, bytes.toByteArray());
        IOException e = assertThrows(IOException.class, () -> Lpips.load(file));
        assertTrue(e.getMessage().contains("features.0.weight with 23232 values, got 6"), e.getMessage());
    }

    @Test
    void qualityReportSaysLpipsIsUnavailableWithoutWeights() throws IOException {
        for (QualityReport.Entry entry : QualityReport.measure(TestVectors.manifest(), TestVectors.DIRECTORY, null)) {
            assertNull(entry.lpips());
            assertTrue(entry.lpipsNote().startsWith("unavailable"));
            assertTrue(entry.psnrRgb() > 5, entry.toString());
        }
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
