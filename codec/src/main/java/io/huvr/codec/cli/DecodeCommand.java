package io.huvr.codec.cli;

import io.huvr.codec.HuvrDecoder;
import io.huvr.format.HuvrImage;
import io.huvr.format.HuvrReader;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code huvr decode IN.huvr -o OUT.png [--region X,Y,W,H | --size WxH [--inr-grid]]}. */
@Command(name = "decode", description = "Decode a .huvr file to PNG: the whole image, a region of it, or at another size.")
final class DecodeCommand implements Callable<Integer> {
    private static final Pattern SIZE = Pattern.compile("(\\d+)x(\\d+)");

    @Mixin
    ModelOption model;

    @Parameters(paramLabel = "IN.huvr")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.png")
    Path output;

    @ArgGroup(exclusive = true)
    Part part;

    @Option(names = "--inr-grid", description = "with --size: evaluate the INR on the grid of cells nearest that "
            + "size instead of resampling the normal decode (experimental: huvr-s was trained on one grid only)")
    boolean inrGrid;

    static final class Part {
        @Option(names = "--region", split = ",", paramLabel = "X,Y,W,H",
                description = "decode only this rectangle of the (upright) image, decoding only the tiles around it")
        int[] region;

        @Option(names = "--size", paramLabel = "WxH",
                description = "decode at this size: the INR evaluated on a finer or coarser grid, the rest resampled")
        String size;
    }

    @Override
    public Integer call() throws Exception {
        if (inrGrid && (part == null || part.size == null)) {
            throw new IllegalArgumentException("--inr-grid needs --size");
        }
        HuvrImage image;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(input))) {
            image = HuvrReader.read(in);
        }
        HuvrDecoder decoder = new HuvrDecoder(model.load());
        BufferedImage decoded;
        if (part != null && part.region != null) {
            if (part.region.length != 4) {
                throw new IllegalArgumentException("--region takes X,Y,W,H, got " + part.region.length + " numbers");
            }
            decoded = decoder.decodeRegion(image, new Rectangle(part.region[0], part.region[1], part.region[2],
                    part.region[3]));
        } else if (part != null) {
            Matcher size = SIZE.matcher(part.size);
            if (!size.matches()) {
                throw new IllegalArgumentException("--size takes WxH, got " + part.size);
            }
            int width = Integer.parseInt(size.group(1));
            int height = Integer.parseInt(size.group(2));
            decoded = inrGrid ? decoder.decodeOnInrGrid(image, width, height) : decoder.decode(image, width, height);
        } else {
            decoded = decoder.decode(image);
        }
        OutputFiles.writePng(output, decoded);
        return 0;
    }
}
