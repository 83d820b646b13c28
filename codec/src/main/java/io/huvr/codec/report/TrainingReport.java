package io.huvr.codec.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plots a training run's validation log ({@code step,seconds,loss_s1,psnr_s2,bpp_s2,psnr_s1,bpp_s1,psnr_s05,bpp_s05})
 * as three PNG charts (loss, PSNR and bits per pixel against steps) and a Markdown table.
 */
public final class TrainingReport {
    private static final String[] SCALES = {"s2", "s1", "s05"};
    private static final String[] SCALE_LABELS = {"step scale 2", "step scale 1", "step scale 0.5"};

    private TrainingReport() {
    }

    /** Writes {@code training-loss.png}, {@code training-psnr.png} and {@code training-bpp.png} into {@code dir}. */
    public static void write(Path logCsv, Path dir) throws IOException {
        List<String> lines = Files.readAllLines(logCsv);
        if (lines.size() < 2) {
            throw new IOException("training log " + logCsv + " has no rows yet");
        }
        List<String> header = List.of(lines.get(0).split(","));
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            double[] row = new double[cells.length];
            for (int i = 0; i < cells.length; i++) {
                row[i] = Double.parseDouble(cells[i]);
            }
            rows.add(row);
        }
        Files.createDirectories(dir);
        Charts.lines(dir.resolve("training-loss.png"), "Training objective at step scale 1 (held-out crops)",
                "step", "bpp + lambda * mse", Map.of("loss", column(rows, header, "loss_s1")), false);
        Map<String, List<double[]>> psnr = new LinkedHashMap<>();
        Map<String, List<double[]>> bpp = new LinkedHashMap<>();
        for (int i = 0; i < SCALES.length; i++) {
            psnr.put(SCALE_LABELS[i], column(rows, header, "psnr_" + SCALES[i]));
            bpp.put(SCALE_LABELS[i], column(rows, header, "bpp_" + SCALES[i]));
        }
        Charts.lines(dir.resolve("training-psnr.png"), "PSNR on held-out crops", "step", "PSNR (dB)", psnr, false);
        Charts.lines(dir.resolve("training-bpp.png"), "Estimated bits per pixel on held-out crops", "step", "bpp", bpp,
                false);
        Files.write(dir.resolve("training-log.md"), markdownTable(lines));
    }

    /** The log as a Markdown table, with the plots linked above it. */
    private static List<String> markdownTable(List<String> csv) {
        List<String> md = new ArrayList<>();
        md.add("![loss](training-loss.png) ![PSNR](training-psnr.png) ![bpp](training-bpp.png)");
        md.add("");
        md.add("| " + String.join(" | ", csv.get(0).split(",")) + " |");
        md.add("|" + "---|".repeat(csv.get(0).split(",").length));
        csv.subList(1, csv.size()).forEach(row -> md.add("| " + String.join(" | ", row.split(",")) + " |"));
        return md;
    }

    private static List<double[]> column(List<double[]> rows, List<String> header, String name) throws IOException {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new IOException("training log lacks column " + name);
        }
        List<double[]> points = new ArrayList<>();
        for (double[] row : rows) {
            points.add(new double[] {row[0], row[index]});
        }
        return points;
    }
}
