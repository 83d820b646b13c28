package io.huvr.codec;

import io.huvr.codec.image.Images;
import io.huvr.codec.image.Resampler;
import io.huvr.codec.metrics.ImageMetrics;
import io.huvr.codec.model.HuvrModel;
import io.huvr.format.HuvrImage;
import io.huvr.format.HuvrReader;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Prints how decoding at another size on another INR grid ({@link HuvrDecoder#decodeOnInrGrid}) compares with
 * decoding on the model's grid and resampling ({@link HuvrDecoder#decode(HuvrImage, int, int)}), over a folder of
 * photos, per quality. A main, not a test: run it from the test class
 * path with {@code java ... io.huvr.codec.ScaledDecodeBenchmark DIR [QUALITIES]}.
 *
 * <ul>
 *   <li>0.5x: both against the area-downscaled original;</li>
 *   <li>2x: the photo downscaled by 2 is coded; the INR at 2x and a bicubic upscale of the normal decode are
 *       compared with the original;</li>
 *   <li>1.5x the same way with the photo downscaled by 1.5.</li>
 * </ul>
 */
public final class ScaledDecodeBenchmark {
    private ScaledDecodeBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        List<Path> photos;
        try (Stream<Path> files = Files.list(Path.of(args[0]))) {
            photos = files.filter(f -> f.toString().endsWith(".png")).sorted().toList();
        }
        int[] qualities = args.length > 1 ? Stream.of(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 3, 6};
        HuvrModel model = HuvrModel.loadDefault();
        HuvrEncoder encoder = new HuvrEncoder(model);
        HuvrDecoder decoder = new HuvrDecoder(model);
        System.out.println("quality,scale,psnr_inr,psnr_resampled,seconds_inr,seconds_resampled");
        for (int quality : qualities) {
            double[] sums = new double[12];
            for (Path photo : photos) {
                BufferedImage original = Images.readRgb(photo);
                int w = original.getWidth();
                int h = original.getHeight();
                // 0.5x
                HuvrImage coded = HuvrReader.read(encoder.encode(original, EncodeOptions.defaults().withQuality(quality)));
                int[] reference = Resampler.resizeRgb(rgb(original), w, h, w, h, w / 2, h / 2);
                accumulate(sums, 0, decoder, coded, reference, w / 2, h / 2);
                // 2x and 1.5x: code a smaller original, decode it back at the original's size
                for (int k = 0; k < 2; k++) {
                    double factor = k == 0 ? 2 : 1.5;
                    int sw = (int) Math.round(w / factor);
                    int sh = (int) Math.round(h / factor);
                    int[] small = Resampler.resizeRgb(rgb(original), w, h, w, h, sw, sh);
                    BufferedImage smallImage = new BufferedImage(sw, sh, BufferedImage.TYPE_INT_RGB);
                    smallImage.setRGB(0, 0, sw, sh, small, 0, sw);
                    HuvrImage smallCoded = HuvrReader.read(encoder.encode(smallImage,
                            EncodeOptions.defaults().withQuality(quality)));
                    accumulate(sums, 4 + 4 * k, decoder, smallCoded, rgb(original), w, h);
                }
            }
            String[] scales = {"0.5", "2", "1.5"};
            for (int s = 0; s < 3; s++) {
                System.out.printf(Locale.ROOT, "%d,%s,%.3f,%.3f,%.3f,%.3f%n", quality, scales[s],
                        sums[4 * s] / photos.size(), sums[4 * s + 1] / photos.size(), sums[4 * s + 2] / photos.size(),
                        sums[4 * s + 3] / photos.size());
            }
        }
    }

    /** Adds PSNR and seconds of the INR grid nearest {@code width x height} and of the normal decode resampled there. */
    private static void accumulate(double[] sums, int at, HuvrDecoder decoder, HuvrImage coded, int[] reference,
                                   int width, int height) throws IOException {
        long start = System.nanoTime();
        int[] inr = rgb(decoder.decodeOnInrGrid(coded, width, height));
        long middle = System.nanoTime();
        int[] resampled = rgb(decoder.decode(coded, width, height));
        long end = System.nanoTime();
        sums[at] += ImageMetrics.psnrRgb(reference, inr);
        sums[at + 1] += ImageMetrics.psnrRgb(reference, resampled);
        sums[at + 2] += (middle - start) / 1e9;
        sums[at + 3] += (end - middle) / 1e9;
    }

    private static int[] rgb(BufferedImage image) {
        return Images.pixels(image);
    }
}
