package io.huvr.conformance;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A decoder called inside the runner's JVM. An {@link IOException} is a rejection; any other
 * exception or error is a crash. The call runs on a daemon thread so that a hang costs the runner
 * only the time limit (a Java thread cannot be killed; it is abandoned).
 */
public final class InProcessDecoder implements DecoderUnderTest {

    /** Bitstream bytes to an RGB image. */
    @FunctionalInterface
    public interface Decoding {
        BufferedImage decode(byte[] bitstream) throws IOException;
    }

    private final String name;
    private final Decoding decoding;
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "decoder-under-test");
        thread.setDaemon(true);
        return thread;
    });

    public InProcessDecoder(String name, Decoding decoding) {
        this.name = name;
        this.decoding = decoding;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Outcome decode(Path input, Path output, Duration limit) {
        Future<BufferedImage> result = executor.submit(() -> decoding.decode(Files.readAllBytes(input)));
        BufferedImage image;
        try {
            image = result.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            return new Outcome(Kind.TIMED_OUT, "no result after " + limit.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(Kind.CRASHED, "interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return cause instanceof IOException
                    ? new Outcome(Kind.REJECTED, cause.getMessage())
                    : new Outcome(Kind.CRASHED, cause.toString());
        }
        try {
            if (!ImageIO.write(image, "png", output.toFile())) {
                return new Outcome(Kind.CRASHED, "its image has no PNG writer");
            }
        } catch (IOException | RuntimeException e) {
            return new Outcome(Kind.CRASHED, "its image could not be written as PNG: " + e);
        }
        return new Outcome(Kind.DECODED, "");
    }
}
