package io.huvr.codec.cli;

import io.huvr.codec.EncodeOptions;
import io.huvr.codec.HuvrEncoder;
import io.huvr.codec.image.Images;
import io.huvr.format.HuvrReader;
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

    @Option(names = {"-q", "--quality"}, paramLabel = "Q",
            description = "operating point 1 (smallest) .. the model's count (6 for huvr-s); default "
                    + EncodeOptions.DEFAULT_QUALITY + ", or with --max-bytes / --max-bpp the highest that fits")
    Integer quality;

    @Option(names = "--max-bytes", paramLabel = "N",
            description = "rate control: the highest quality (up to --quality) whose file has at most N bytes")
    Long maxBytes;

    @Option(names = "--max-bpp", paramLabel = "BPP",
            description = "rate control as --max-bytes, in bits per pixel of the image")
    Double maxBpp;

    @Option(names = {"-e", "--effort"}, defaultValue = "0",
            description = "encoder effort 0..3: refinement steps per tile through the decoder; default ${DEFAULT-VALUE}")
    int effort;

    @Option(names = "--coder", defaultValue = "RANS", completionCandidates = CoderNames.class, description = "entropy coder: ${COMPLETION-CANDIDATES}; default ${DEFAULT-VALUE}")
    EntropyCoder coder;

    @Override
    public Integer call() throws Exception {
        if (maxBytes != null && maxBpp != null) {
            throw new IllegalArgumentException("give --max-bytes or --max-bpp, not both");
        }
        BufferedImage image = Images.read(input);
        HuvrEncoder encoder = new HuvrEncoder(model.load());
        Long budget = maxBytes;
        if (maxBpp != null) {
            if (!(maxBpp > 0) || Double.isInfinite(maxBpp)) {
                throw new IllegalArgumentException("--max-bpp must be a positive number, got " + maxBpp);
            }
            budget = Math.max(1, (long) Math.floor(maxBpp * image.getWidth() * image.getHeight() / 8));
        }
        int cap = EncodeOptions.requestedQuality(quality, budget != null, encoder.model().operatingPoints().size());
        EncodeOptions options = new EncodeOptions(cap, effort, coder);
        byte[] bitstream = budget != null ? encoder.encodeWithin(image, budget, options) : encoder.encode(image, options);
        OutputFiles.writeBytes(output, bitstream);
        int coded = HuvrReader.read(bitstream).header().getQuantization().getOperatingPoint() + 1;
        spec.commandLine().getOut().printf(Locale.ROOT, "%s: %dx%d, quality %d, %d bytes, %.4f bpp%n", output,
                image.getWidth(), image.getHeight(), coded, bitstream.length,
                8.0 * bitstream.length / ((double) image.getWidth() * image.getHeight()));
        return 0;
    }
}
