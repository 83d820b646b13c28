package io.huvr.bench;

import io.huvr.codec.EncodeOptions;
import io.huvr.codec.HuvrDecoder;
import io.huvr.codec.HuvrEncoder;
import io.huvr.codec.model.HuvrModel;
import org.bytedeco.javacpp.Pointer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Encodes (effort 0, default quality) and then decodes one large photo in this JVM and prints the time and memory
 * each took: peak Java heap, peak off-heap memory of ND4J's arrays (JavaCPP), and the process's peak resident set
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
        Sampler sampler = new Sampler();
        sampler.start();
        long start = System.nanoTime();
        byte[] bitstream = new HuvrEncoder(model).encode(image, EncodeOptions.defaults());
        long encoded = System.nanoTime();
        BufferedImage decoded = new HuvrDecoder(model).decode(bitstream);
        long decodedAt = System.nanoTime();
        sampler.interrupt();
        sampler.join();
        if (decoded.getWidth() != width || decoded.getHeight() != height) {
            throw new IllegalStateException("decoded " + decoded.getWidth() + "x" + decoded.getHeight());
        }
        long heapPoolPeaks = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
        System.out.printf(Locale.ROOT, "image %dx%d (%.1f megapixels), %d bytes coded (%.4f bpp)%n", width, height,
                width * (double) height / 1e6, bitstream.length, 8.0 * bitstream.length / ((double) width * height));
        System.out.printf(Locale.ROOT, "encode %.1f s, decode %.1f s%n", (encoded - start) / 1e9, (decodedAt - encoded) / 1e9);
        System.out.printf(Locale.ROOT, "max heap (-Xmx)                  %s%n", mib(Runtime.getRuntime().maxMemory()));
        System.out.printf(Locale.ROOT, "peak heap used, sampled          %s%n", mib(sampler.heap.get()));
        System.out.printf(Locale.ROOT, "sum of heap pools' peaks         %s%n", mib(heapPoolPeaks));
        System.out.printf(Locale.ROOT, "peak ND4J off-heap, sampled      %s%n", mib(sampler.offHeap.get()));
        System.out.printf(Locale.ROOT, "peak resident set (VmHWM)        %s%n", peakResidentSet());
    }

    /** Samples heap use and JavaCPP's off-heap total every few milliseconds, keeping the largest. */
    private static final class Sampler extends Thread {
        final AtomicLong heap = new AtomicLong();
        final AtomicLong offHeap = new AtomicLong();

        Sampler() {
            super("peak-memory-sampler");
            setDaemon(true);
        }

        @Override
        public void run() {
            var memory = ManagementFactory.getMemoryMXBean();
            while (!isInterrupted()) {
                heap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                offHeap.accumulateAndGet(Pointer.totalBytes(), Math::max);
                try {
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
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
                .map(line -> {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return mib(kib << 10);
                })
                .findFirst().orElse("not available");
    }
}
