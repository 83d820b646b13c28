package io.huvr.codec.cli;

import io.huvr.codec.EncodeOptions;
import io.huvr.codec.HuvrDecoder;
import io.huvr.codec.HuvrEncoder;
import io.huvr.codec.eval.RdCsv;
import io.huvr.codec.eval.RoundTrip;
import io.huvr.codec.eval.SeamMeter;
import io.huvr.codec.image.Images;
import io.huvr.codec.model.HuvrModel;
import io.huvr.codec.report.Charts;
import io.huvr.format.proto.EntropyCoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code huvr eval DIR}: encodes and decodes every image of a folder at each operating point and
 * writes one CSV row per image and operating point in the anchors' layout.
 */
@Command(name = "eval", description = "Rate-distortion rows (anchor CSV layout, codec huvr) for every image of DIR.")
final class EvalCommand implements Callable<Integer> {
    @Mixin
    ModelOption model;

    @Parameters(paramLabel = "DIR")
    Path folder;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.csv")
    Path output;

    @Option(names = "--qualities", split = ",", description = "operating points (default: all of the model's)")
    int[] qualities;

    @Option(names = {"-e", "--effort"}, defaultValue = "0", description = "encoder effort; default ${DEFAULT-VALUE}")
    int effort;

    @Option(names = "--coder", defaultValue = "RANS", completionCandidates = CoderNames.class, description = "entropy coder: ${COMPLETION-CANDIDATES}; default ${DEFAULT-VALUE}")
    EntropyCoder coder;

    @Option(names = "--anchors", paramLabel = "ANCHORS.csv",
            description = "anchor CSV to plot beside huvr's curve (needs --plot)")
    Path anchors;

    @Option(names = "--plot", paramLabel = "RD.png", description = "write the average rate-distortion curves as PNG")
    Path plot;

    @Option(names = "--seams", description = "also print, per quality, the PSNR of pixels within 1 and 2 pixels of "
            + "inner tile borders against the other pixels (SeamMeter), pooled over the images")
    boolean seams;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Path> images;
        try (Stream<Path> list = Files.list(folder)) {
            images = list.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g|bmp|gif)"))
                    .sorted().toList();
        }
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images in " + folder);
        }
        HuvrModel loaded = model.load();
        HuvrEncoder encoder = new HuvrEncoder(loaded);
        HuvrDecoder decoder = new HuvrDecoder(loaded);
        int[] points = qualities != null ? qualities
                : java.util.stream.IntStream.rangeClosed(1, loaded.operatingPoints().size()).toArray();
        List<String> rows = new ArrayList<>();
        rows.add(RdCsv.HEADER);
        PrintStream progress = System.err;
        int done = 0;
        Map<Integer, SeamMeter[]> seamMeters = new LinkedHashMap<>();
        for (int q : points) {
            seamMeters.put(q, new SeamMeter[] {new SeamMeter(loaded.config().tileSize(), 1),
                    new SeamMeter(loaded.config().tileSize(), 2)});
        }
        for (Path file : images) {
            BufferedImage image = Images.readRgb(file);
            for (int q : points) {
                String setting = "q" + q + (effort > 0 ? "e" + effort : "")
                        + (coder == EncodeOptions.DEFAULT_CODER ? "" : "-" + coder.name().toLowerCase(Locale.ROOT));
                RoundTrip.Result r = RoundTrip.run(encoder, decoder, image, new EncodeOptions(q, effort, coder));
                rows.add(RdCsv.row(file.getFileName().toString(), image.getWidth(), image.getHeight(), setting, r));
                if (seams) {
                    for (SeamMeter meter : seamMeters.get(q)) {
                        meter.add(image, r.decoded());
                    }
                }
                progress.printf(Locale.ROOT, "\r[%d/%d] %s q%d: %.3f bpp %.2f dB   ", ++done, images.size() * points.length,
                        file.getFileName(), q, r.bpp(), r.metrics().psnrRgb());
            }
        }
        progress.println();
        OutputFiles.atomically(output, tmp -> Files.write(tmp, rows));
        if (seams) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("quality,band_px,border_share,border_psnr,interior_psnr");
            for (Map.Entry<Integer, SeamMeter[]> e : seamMeters.entrySet()) {
                for (SeamMeter meter : e.getValue()) {
                    out.printf(Locale.ROOT, "%d,%d,%.3f,%.3f,%.3f%n", e.getKey(), meter.band(), meter.borderShare(),
                            meter.borderPsnr(), meter.interiorPsnr());
                }
            }
        }
        if (plot != null) {
            Map<String, List<double[]>> curves = new LinkedHashMap<>();
            if (anchors != null) {
                curves.putAll(RdCsv.averageCurves(anchors));
            }
            curves.putAll(RdCsv.averageCurves(output));
            OutputFiles.atomically(plot, tmp -> Charts.lines(tmp, "Rate-distortion, average over " + images.size()
                    + " images", "bits per pixel", "PSNR RGB (dB)", curves, true));
        }
        return 0;
    }
}
