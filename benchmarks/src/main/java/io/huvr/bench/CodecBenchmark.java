package io.huvr.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Encode and decode time of one photo per codec and image size (megapixels per second: {@link BenchMain}). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CodecBenchmark {
    @Param({"huvr", "jpeg", "png"})
    public String codec;

    /** {@code WIDTHxHEIGHT}. */
    @Param({"256x256", "768x512", "2048x1536"})
    public String size;

    private ImageCodec imageCodec;
    private BufferedImage image;
    private byte[] encoded;

    @Setup
    public void setUp() throws IOException {
        imageCodec = ImageCodec.named(codec);
        int[] dimensions = BenchImages.size(size);
        image = BenchImages.photo(dimensions[0], dimensions[1]);
        encoded = imageCodec.encode(image);
    }

    @Benchmark
    public byte[] encode() throws IOException {
        return imageCodec.encode(image);
    }

    @Benchmark
    public BufferedImage decode() throws IOException {
        return imageCodec.decode(encoded);
    }
}
