package io.huvr.codec.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rate-distortion CSV layout shared with the project's anchor measurements (JPEG, WebP, AVIF...):
 * {@value #HEADER}. Rows of codec {@code huvr} sit beside the anchors' rows in one table.
 */
public final class RdCsv {
    public static final String HEADER = "image,width,height,codec,setting,bytes,bpp,psnr_rgb,ssim_rgb,ssim_y,msssim_rgb,"
            + "enc_s,dec_s,enc_cpu_s,dec_cpu_s";

    private RdCsv() {
    }

    /** One row; an undefined MS-SSIM (image too small) is written empty, as the anchors do. */
    public static String row(String image, int width, int height, String setting, RoundTrip.Result r) {
        String msssim = Double.isNaN(r.metrics().msssimRgb()) ? "" : String.format(Locale.ROOT, "%.5f",
                r.metrics().msssimRgb());
        return String.format(Locale.ROOT, "%s,%d,%d,huvr,%s,%d,%.5f,%.4f,%.5f,%.5f,%s,%.4f,%.4f,%.4f,%.4f", image, width,
                height, setting, r.bitstream().length, r.bpp(), r.metrics().psnrRgb(), r.metrics().ssimRgb(),
                r.metrics().ssimLuma(), msssim, r.encodeSeconds(), r.decodeSeconds(), r.encodeCpuSeconds(),
                r.decodeCpuSeconds());
    }

    /**
     * The average curve of every codec in a CSV: per setting, mean bpp and mean PSNR over its images,
     * sorted by bpp (the CompressAI-style average the anchor summaries use).
     */
    public static Map<String, List<double[]>> averageCurves(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty() || !lines.get(0).startsWith("image,width,height,codec,setting")) {
            throw new IOException(csv + " is not a rate-distortion CSV (" + HEADER + ")");
        }
        List<String> header = List.of(lines.get(0).split(","));
        int codec = header.indexOf("codec");
        int setting = header.indexOf("setting");
        int bpp = header.indexOf("bpp");
        int psnr = header.indexOf("psnr_rgb");
        Map<String, Map<String, double[]>> sums = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            double[] s = sums.computeIfAbsent(c[codec], k -> new LinkedHashMap<>())
                    .computeIfAbsent(c[setting], k -> new double[3]);
            s[0] += Double.parseDouble(c[bpp]);
            s[1] += Double.parseDouble(c[psnr]);
            s[2]++;
        }
        Map<String, List<double[]>> curves = new LinkedHashMap<>();
        sums.forEach((name, settings) -> {
            TreeMap<Double, Double> sorted = new TreeMap<>();
            settings.values().forEach(s -> sorted.put(s[0] / s[2], s[1] / s[2]));
            List<double[]> points = new ArrayList<>();
            sorted.forEach((x, y) -> points.add(new double[] {x, y}));
            curves.put(name, points);
        });
        return curves;
    }
}
