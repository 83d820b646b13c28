package io.huvr.codec.cli;

import io.huvr.codec.EncodeOptions;
import io.huvr.codec.HuvrEncoder;
import io.huvr.codec.image.Images;
import io.huvr.format.proto.EntropyCoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code huvr encode IN -o OUT.huvr}. */
@Command(name = "encode", description = "Encode an image (PNG, JPEG, BMP, GIF, TIFF, WebP; grey and alpha kept, turned upright by its Exif orientation) to .huvr.")
final class EncodeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOption model;

    @Parameters(paramLabel = "IN")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.huvr")
    Path output;

    @Option(names = {"-q", "--quality"}, defaultValue = "" + EncodeOptions.DEFAULT_QUALITY,
            description = "operating point 1 (smallest) .. the model's count (6 for huvr-s); default ${DEFAULT-VALUE}")
    int quality;

    @Option(names = {"-e", "--effort"}, defaultValue = "0",
            description = "encoder effort 0..3: refinement steps per tile through the decoder; default ${DEFAULT-VALUE}")
    int effort;

    @Option(names = "--coder", defaultValue = "RANS", description = "entropy coder: ${COMPLETION-CANDIDATES}; default ${DEFAULT-VALUE}")
    EntropyCoder coder;

    @Override
    public Integer call() throws Exception {
        EncodeOptions options = new EncodeOptions(quality, effort, coder);
        BufferedImage image = Images.read(input);
        byte[] bitstream = new HuvrEncoder(model.load()).encode(image, options);
        OutputFiles.writeBytes(output, bitstream);
        spec.commandLine().getOut().printf(Locale.ROOT, "%s: %dx%d, %d bytes, %.4f bpp%n", output, image.getWidth(),
                image.getHeight(), bitstream.length, 8.0 * bitstream.length / ((double) image.getWidth() * image.getHeight()));
        return 0;
    }
}
