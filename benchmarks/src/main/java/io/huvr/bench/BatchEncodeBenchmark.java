package io.huvr.bench;

import io.huvr.codec.EncodeOptions;
import io.huvr.codec.HuvrEncoder;
import io.huvr.codec.model.HuvrModel;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@link HuvrEncoder#encodeAll} of several different small photos at once, against how many there are. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BatchEncodeBenchmark {
    /** Side of every image in the batch. */
    public static final int SIDE = 256;

    @Param({"1", "4", "16"})
    public int images;

    private HuvrEncoder encoder;
    private List<BufferedImage> batch;

    @Setup
    public void setUp() throws IOException {
        encoder = new HuvrEncoder(HuvrModel.loadDefault());
        batch = BenchImages.crops(images, SIDE);
    }

    @Benchmark
    public List<byte[]> encodeAll() throws IOException {
        return encoder.encodeAll(batch, EncodeOptions.defaults());
    }
}
