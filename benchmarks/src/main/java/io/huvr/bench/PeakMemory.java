package io.huvr.bench;

import io.huvr.codec.EncodeOptions;
import io.huvr.codec.HuvrDecoder;
import io.huvr.codec.HuvrEncoder;
import io.huvr.codec.model.HuvrModel;
import org.bytedeco.javacpp.Pointer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Encodes (effort 0, default quality) and then decodes one large photo in this JVM and prints the time and the
 * peak memory of each phase: Java heap in use and the process's resident set (which includes ND4J's native
 * arrays), sampled every few milliseconds, then the heap pools' own peaks and the kernel's peak resident set
 * ({@code VmHWM}). Run it in a fresh JVM ({@code bin/huvr-peak-memory}) so the peaks are this image's alone.
 * Arguments: {@code [WIDTH HEIGHT]}, default 8660 x 5773 (50 megapixels).
 */
public final class PeakMemory {
    private static final long SAMPLE_MILLIS = 5;

    private PeakMemory() {
    }

    public static void main(String[] args) throws Exception {
        int width = args.length > 0 ? Integer.parseInt(args[0]) : 8660;
        int height = args.length > 1 ? Integer.parseInt(args[1]) : 5773;
        HuvrModel model = HuvrModel.loadDefault();
        BufferedImage image = BenchImages.photo(width, height);
        System.out.printf(Locale.ROOT, "image %dx%d (%.1f megapixels), -Xmx %s, before coding: heap %s, resident %s%n",
                width, height, width * (double) height / 1e6, mib(Runtime.getRuntime().maxMemory()),
                mib(heapUsed()), mib(Pointer.physicalBytes()));

        Sampler encoding = new Sampler();
        byte[] bitstream = new HuvrEncoder(model).encode(image, EncodeOptions.defaults());
        encoding.report("encode", String.format(Locale.ROOT, "%d bytes, %.4f bpp", bitstream.length,
                8.0 * bitstream.length / ((double) width * height)));

        Sampler decoding = new Sampler();
        BufferedImage decoded = new HuvrDecoder(model).decode(bitstream);
        decoding.report("decode", decoded.getWidth() + "x" + decoded.getHeight());

        long heapPoolPeaks = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
        System.out.printf(Locale.ROOT, "whole run: sum of heap pools' peaks %s, peak resident set (VmHWM) %s%n",
                mib(heapPoolPeaks), peakResidentSet());
    }

    /** From its creation until {@link #report}, samples heap in use and the resident set, keeping the largest. */
    private static final class Sampler extends Thread {
        private final AtomicLong heap = new AtomicLong();
        private final AtomicLong resident = new AtomicLong();
        private final long start = System.nanoTime();

        Sampler() {
            super("peak-memory-sampler");
            setDaemon(true);
            start();
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                heap.accumulateAndGet(heapUsed(), Math::max);
                resident.accumulateAndGet(Pointer.physicalBytes(), Math::max);
                try {
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void report(String phase, String result) throws InterruptedException {
            double seconds = (System.nanoTime() - start) / 1e9;
            interrupt();
            join();
            System.out.printf(Locale.ROOT, "%s: %.1f s (%s), peak heap used %s, peak resident set %s%n", phase, seconds,
                    result, mib(heap.get()), mib(resident.get()));
        }
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,d MiB", bytes >> 20);
    }

    /** The {@code VmHWM} line of {@code /proc/self/status} (Linux), else "not available". */
    private static String peakResidentSet() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return "not available";
        }
        return Files.readAllLines(status).stream()
                .filter(line -> line.startsWith("VmHWM:"))
                .map(line -> mib(Long.parseLong(line.replaceAll("[^0-9]", "")) << 10))
                .findFirst().orElse("not available");
    }
}
