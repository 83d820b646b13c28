package io.huvr.conformance;

import io.huvr.codec.model.HuvrModel;
import io.huvr.lite.LiteDecoder;
import io.huvr.lite.LiteModel;
import io.huvr.lite.Rendered;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code DecoderAgreement VECTORS_DIR [REPEATS]}: how far the two project decoders are apart before
 * rounding, and how fast each is, on every valid vector. The tolerances of {@link Tolerance#SPEC}
 * are set from these numbers (conformance/README.md).
 */
public final class DecoderAgreement {
    private DecoderAgreement() {
    }

    /**
     * One vector's measurements; differences are in 8-bit units ({@code 127.5} per unit of the [-1, 1] range).
     *
     * @param clippedFraction the share of reference values outside [-1, 1], where rounding hides differences
     */
    public record Row(String file, int pixels, double maxDifference, double rmsDifference, double clippedFraction,
                      double nd4jMillis, double liteMillis) {
    }

    public static List<Row> measure(Path vectors, int repeats) throws IOException {
        Manifest manifest = Manifest.read(vectors);
        Path model = vectors.resolve(manifest.model());
        Nd4jDecoder nd4j = new Nd4jDecoder(HuvrModel.load(model));
        LiteDecoder lite = new LiteDecoder(LiteModel.load(model));
        List<Row> rows = new ArrayList<>();
        for (Manifest.ValidVector vector : manifest.valid()) {
            byte[] bitstream = Files.readAllBytes(vectors.resolve(vector.file()));
            // One untimed decode each first: class loading and JIT warm-up are not decoding speed.
            Rendered reference = nd4j.decode(bitstream);
            Rendered candidate = lite.decode(bitstream);
            long start = System.nanoTime();
            for (int i = 0; i < repeats; i++) {
                nd4j.decode(bitstream);
            }
            double nd4jMillis = (System.nanoTime() - start) / 1e6 / repeats;
            start = System.nanoTime();
            for (int i = 0; i < repeats; i++) {
                lite.decode(bitstream);
            }
            double liteMillis = (System.nanoTime() - start) / 1e6 / repeats;
            double max = 0;
            double sumSquares = 0;
            int clipped = 0;
            float[] a = reference.rgb();
            float[] b = candidate.rgb();
            for (int i = 0; i < a.length; i++) {
                double d = Math.abs(a[i] - b[i]) * 127.5;
                max = Math.max(max, d);
                sumSquares += d * d;
                clipped += Math.abs(a[i]) > 1 ? 1 : 0;
            }
            rows.add(new Row(vector.file(), vector.width() * vector.height(), max, Math.sqrt(sumSquares / a.length),
                    (double) clipped / a.length, nd4jMillis, liteMillis));
        }
        return rows;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: DecoderAgreement VECTORS_DIR [REPEATS]");
            System.exit(2);
        }
        List<Row> rows = measure(Path.of(args[0]), args.length == 2 ? Integer.parseInt(args[1]) : 3);
        System.out.printf("%-32s %8s %12s %12s %8s %10s %10s%n", "vector", "pixels", "max |diff|", "rms diff",
                "clipped", "nd4j ms", "lite ms");
        double worst = 0;
        double worstRms = 0;
        long pixels = 0;
        double nd4jTotal = 0;
        double liteTotal = 0;
        for (Row r : rows) {
            System.out.printf("%-32s %8d %12.6f %12.6f %8.3f %10.2f %10.2f%n", r.file(), r.pixels(), r.maxDifference(),
                    r.rmsDifference(), r.clippedFraction(), r.nd4jMillis(), r.liteMillis());
            worst = Math.max(worst, r.maxDifference());
            worstRms = Math.max(worstRms, r.rmsDifference());
            pixels += r.pixels();
            nd4jTotal += r.nd4jMillis();
            liteTotal += r.liteMillis();
        }
        System.out.printf("worst max |diff| %.6f, worst rms diff %.6f (8-bit units)%n", worst, worstRms);
        System.out.printf("speed: nd4j %.2f ms/vector %.3f MP/s, lite %.2f ms/vector %.3f MP/s%n",
                nd4jTotal / rows.size(), pixels / nd4jTotal / 1e3, liteTotal / rows.size(), pixels / liteTotal / 1e3);
    }
}
