package io.huvr.codec.cli;

import io.huvr.codec.EncodeOptions;
import io.huvr.codec.HuvrDecoder;
import io.huvr.codec.HuvrEncoder;
import io.huvr.codec.eval.RoundTrip;
import io.huvr.codec.model.HuvrModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code huvr demo}: the embedded default job. Encodes the bundled sample photos at every operating
 * point with the built-in model, decodes them, and writes the {@code .huvr} files and decoded PNGs.
 */
@Command(name = "demo", description = "Encode and decode the bundled sample photos at every quality; print bpp and PSNR.")
final class DemoCommand implements Callable<Integer> {
    /** Bundled photos (CC0, from scikit-image's sample data; see NOTICE). */
    static final List<String> SAMPLES = List.of("chelsea.png", "coffee.png");
    private static final String SAMPLE_DIR = "/io/huvr/codec/samples/";

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, defaultValue = "huvr-demo", paramLabel = "DIR",
            description = "where the .huvr files and decoded PNGs go; default ${DEFAULT-VALUE}")
    Path output;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        HuvrModel model = HuvrModel.loadDefault();
        out.printf("model %s (sha256 %s), %d operating points%n", model.name(), model.sha256Hex(),
                model.operatingPoints().size());
        HuvrEncoder encoder = new HuvrEncoder(model);
        HuvrDecoder decoder = new HuvrDecoder(model);
        out.printf("%-12s %-9s %8s %8s %9s %8s %8s%n", "image", "size", "quality", "bytes", "bpp", "PSNR", "MS-SSIM");
        for (String name : SAMPLES) {
            BufferedImage image = sample(name);
            String stem = name.substring(0, name.lastIndexOf('.'));
            for (int q = 1; q <= model.operatingPoints().size(); q++) {
                RoundTrip.Result r = RoundTrip.run(encoder, decoder, image, EncodeOptions.defaults().withQuality(q));
                OutputFiles.writeBytes(output.resolve(stem + "-q" + q + ".huvr"), r.bitstream());
                OutputFiles.writePng(output.resolve(stem + "-q" + q + ".png"), r.decoded());
                out.printf("%-12s %-9s %8d %8d %9.4f %8.2f %8.4f%n", stem, image.getWidth() + "x" + image.getHeight(), q,
                        r.bitstream().length, r.bpp(), r.metrics().psnrRgb(), r.metrics().msssimRgb());
            }
        }
        out.println("wrote the .huvr files and decoded PNGs to " + output.toAbsolutePath());
        return 0;
    }

    static BufferedImage sample(String name) throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream(SAMPLE_DIR + name)) {
            if (in == null) {
                throw new IOException("sample " + name + " is missing from the class path");
            }
            return io.huvr.codec.image.Images.toRgb(ImageIO.read(in));
        }
    }
}
