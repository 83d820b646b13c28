package io.huvr.conformance;

import io.huvr.codec.metrics.ImageMetrics;
import io.huvr.codec.metrics.Metrics;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference codec's quality on the vectors: each reference output (rounded to 8 bits, as the
 * codec delivers it) against its original, by the codec's verified metrics. Metrics undefined for
 * small images (SSIM under 7 px, MS-SSIM under 112 px a side) are null, never a number.
 */
public final class QualityReport {
    private QualityReport() {
    }

    /**
     * @param lpips null with {@code lpipsNote} saying why when LPIPS weights were not supplied
     */
    public record Entry(String file, Double psnrRgb, Double ssimRgb, Double ssimLuma, Double msssimRgb, Double lpips,
                        String lpipsNote) {
    }

    public static List<Entry> measure(Manifest manifest, Path vectors, Lpips lpips) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (Manifest.ValidVector vector : manifest.valid()) {
            BufferedImage original = toRgb8(ImageIO.read(vectors.resolve(vector.original()).toFile()));
            BufferedImage reference = toRgb8(ImageIO.read(vectors.resolve(vector.reference()).toFile()));
            Metrics m = ImageMetrics.all(original, reference);
            Double lpipsValue = lpips == null ? null : definedOrNull(lpips.distance(original, reference));
            String note = lpips == null ? "unavailable: no LPIPS weights given (see conformance/README.md)"
                    : lpipsValue == null ? "undefined for an image this small" : "AlexNet v0.1";
            entries.add(new Entry(vector.file(), definedOrNull(m.psnrRgb()), definedOrNull(m.ssimRgb()),
                    definedOrNull(m.ssimLuma()), definedOrNull(m.msssimRgb()), lpipsValue, note));
        }
        return entries;
    }

    private static Double definedOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /**
     * An image of 8 or 16 bits as 8-bit RGB from its stored samples, 16-bit samples rounded ({@code s / 257}),
     * grey repeated in R, G and B (not through Java's linear grey), alpha left out: the metrics measure colour.
     */
    static BufferedImage toRgb8(BufferedImage image) {
        double scale = ImageComparison.unitsPerSample(image);
        boolean grey = ImageComparison.colourChannels(image) == 1;
        Raster raster = image.getRaster();
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int packed = 0;
                for (int c = 0; c < 3; c++) {
                    packed = packed << 8 | (int) Math.round(raster.getSample(x, y, grey ? 0 : c) * scale);
                }
                rgb.setRGB(x, y, packed);
            }
        }
        return rgb;
    }
}
