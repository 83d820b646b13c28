package io.huvr.codec.cli;

import io.huvr.codec.EncodeOptions;
import io.huvr.codec.HuvrDecoder;
import io.huvr.codec.HuvrEncoder;
import io.huvr.codec.model.ComputeCost;
import io.huvr.codec.model.HuvrModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * {@code huvr bench}: encode and decode speed of one image size (medians of repeated runs), the
 * model's MACs per pixel, and the fraction of ND4J's measured GEMM rate the decoder reaches.
 */
@Command(name = "bench", description = "Median encode/decode speed, MACs per pixel and GEMM efficiency.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model;

    @Option(names = "--width", defaultValue = "768", description = "default ${DEFAULT-VALUE}")
    int width;

    @Option(names = "--height", defaultValue = "512", description = "default ${DEFAULT-VALUE}")
    int height;

    @Option(names = "--runs", defaultValue = "5", description = "timed runs after one warm-up; default ${DEFAULT-VALUE}")
    int runs;

    @Option(names = {"-q", "--quality"}, defaultValue = "3", description = "default ${DEFAULT-VALUE}")
    int quality;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        HuvrModel loaded = model.load();
        HuvrEncoder encoder = new HuvrEncoder(loaded);
        HuvrDecoder decoder = new HuvrDecoder(loaded);
        BufferedImage image = DemoCommand.sample("coffee.png");
        BufferedImage sized = io.huvr.codec.image.Images.resize(image, width, height);
        EncodeOptions options = EncodeOptions.defaults().withQuality(quality);
        byte[] bitstream = encoder.encode(sized, options);
        decoder.decode(bitstream);
        double[] encode = new double[runs];
        double[] decode = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            encoder.encode(sized, options);
            long t1 = System.nanoTime();
            decoder.decode(bitstream);
            long t2 = System.nanoTime();
            encode[i] = (t1 - t0) / 1e9;
            decode[i] = (t2 - t1) / 1e9;
        }
        double megapixels = width * (double) height / 1e6;
        double encodeMedian = median(encode);
        double decodeMedian = median(decode);
        double decoderMacs = ComputeCost.decoderMacsPerPixel(loaded.config());
        double encoderMacs = ComputeCost.encoderMacsPerPixel(loaded.config());
        double gemm = gemmGflops();
        double decoderGflops = 2 * decoderMacs * width * height / decodeMedian / 1e9;
        out.printf("image %dx%d, quality %d, %d runs (medians)%n", width, height, quality, runs);
        out.printf("encode (effort 0): %.3f s = %.3f MP/s; encoder %.0f MAC/pixel%n", encodeMedian,
                megapixels / encodeMedian, encoderMacs);
        out.printf("decode:            %.3f s = %.3f MP/s; decoder %.0f MAC/pixel = %.2f GFLOP/s%n", decodeMedian,
                megapixels / decodeMedian, decoderMacs, decoderGflops);
        out.printf("ND4J GEMM (1024x1024 float): %.1f GFLOP/s; the decoder reaches %.0f%% of it%n", gemm,
                100 * decoderGflops / gemm);
        return 0;
    }

    private static double gemmGflops() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 1024, 1024);
        INDArray b = Nd4j.rand(DataType.FLOAT, 1024, 1024);
        double[] seconds = new double[7];
        for (int i = 0; i < seconds.length; i++) {
            long t = System.nanoTime();
            a.mmul(b);
            seconds[i] = (System.nanoTime() - t) / 1e9;
        }
        return 2.0 * 1024 * 1024 * 1024 / median(Arrays.copyOfRange(seconds, 2, seconds.length)) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
