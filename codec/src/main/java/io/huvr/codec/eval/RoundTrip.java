package io.huvr.codec.eval;

import io.huvr.codec.EncodeOptions;
import io.huvr.codec.HuvrDecoder;
import io.huvr.codec.HuvrEncoder;
import io.huvr.codec.metrics.ImageMetrics;
import io.huvr.codec.metrics.Metrics;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;

/** Encodes and decodes one image, measuring size, quality and wall and CPU time of each half. */
public final class RoundTrip {
    private RoundTrip() {
    }

    /** What one round trip measured; times in seconds, CPU time of the whole process (ND4J's threads included). */
    public record Result(byte[] bitstream, BufferedImage decoded, double bpp, Metrics metrics,
                         double encodeSeconds, double decodeSeconds, double encodeCpuSeconds, double decodeCpuSeconds) {
    }

    public static Result run(HuvrEncoder encoder, HuvrDecoder decoder, BufferedImage image, EncodeOptions options)
            throws IOException {
        long wall0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        byte[] bitstream = encoder.encode(image, options);
        long wall1 = System.nanoTime();
        long cpu1 = processCpuNanos();
        BufferedImage decoded = decoder.decode(bitstream);
        long wall2 = System.nanoTime();
        long cpu2 = processCpuNanos();
        double bpp = 8.0 * bitstream.length / ((double) image.getWidth() * image.getHeight());
        return new Result(bitstream, decoded, bpp, ImageMetrics.all(image, decoded),
                (wall1 - wall0) / 1e9, (wall2 - wall1) / 1e9, (cpu1 - cpu0) / 1e9, (cpu2 - cpu1) / 1e9);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
