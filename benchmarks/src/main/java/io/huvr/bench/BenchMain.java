package io.huvr.bench;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Runs the benchmarks with JMH's own command-line options, then writes JMH's {@code results.json} and a
 * {@code results.csv} with megapixels per second into the folder named by the system property
 * {@value #OUT_PROPERTY} (default {@code bench-results}).
 */
public final class BenchMain {
    public static final String OUT_PROPERTY = "huvr.bench.out";
    static final String CSV_HEADER = "benchmark,codec,size,images,megapixels,ms_per_op,ms_error,megapixels_per_s";

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(System.getProperty(OUT_PROPERTY, "bench-results"));
        Files.createDirectories(out);
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .resultFormat(ResultFormatType.JSON)
                .result(out.resolve("results.json").toString())
                .build()).run();
        Path csv = out.resolve("results.csv");
        Files.write(csv, csvLines(results));
        System.out.println("wrote " + csv + " and " + out.resolve("results.json"));
    }

    /** One CSV row per benchmark and parameter set, sorted as JMH ran them. */
    static List<String> csvLines(Collection<RunResult> results) {
        List<String> lines = new ArrayList<>();
        lines.add(CSV_HEADER);
        for (RunResult run : results) {
            var params = run.getParams();
            String benchmark = params.getBenchmark().substring(BenchMain.class.getPackageName().length() + 1);
            String codec = value(params.getParam("codec"), "huvr");
            String size = value(params.getParam("size"), BatchEncodeBenchmark.SIDE + "x" + BatchEncodeBenchmark.SIDE);
            int images = Integer.parseInt(value(params.getParam("images"), "1"));
            int[] dimensions = BenchImages.size(size);
            double megapixels = images * (double) dimensions[0] * dimensions[1] / 1e6;
            Result<?> primary = run.getPrimaryResult();
            double millis = millisPerOp(primary.getScore(), primary.getScoreUnit());
            double error = millisPerOp(primary.getScoreError(), primary.getScoreUnit());
            lines.add(String.format(Locale.ROOT, "%s,%s,%s,%d,%.4f,%.3f,%.3f,%.3f", benchmark, codec, size, images,
                    megapixels, millis, Double.isNaN(error) ? 0 : error, megapixels / (millis / 1000)));
        }
        return lines;
    }

    private static String value(String param, String otherwise) {
        return param == null ? otherwise : param;
    }

    /** A score in a time-per-operation unit ({@code s/op}, {@code ms/op}, {@code us/op}, {@code ns/op}) in milliseconds. */
    private static double millisPerOp(double score, String unit) {
        return switch (unit) {
            case "s/op" -> score * 1e3;
            case "ms/op" -> score;
            case "us/op" -> score / 1e3;
            case "ns/op" -> score / 1e6;
            default -> throw new IllegalArgumentException("benchmark unit " + unit
                    + " is not a time per operation; run in AverageTime or SingleShotTime mode (-bm avgt)");
        };
    }
}
