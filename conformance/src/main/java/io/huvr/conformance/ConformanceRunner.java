package io.huvr.conformance;

import io.huvr.codec.HuvrDecoder;
import io.huvr.codec.model.HuvrModel;
import io.huvr.lite.LiteDecoder;
import io.huvr.lite.LiteModel;
import io.huvr.lite.PngFiles;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code huvr-conformance --vectors DIR --decoder DECODER [--model FILE] [--report DIR] [--time-limit-s N]
 * [--lpips-weights FILE]}: runs a decoder over a vector directory and writes {@code results.json} and
 * {@code report.html}, with the reference codec's quality against the originals (LPIPS only when
 * weights are given).
 * {@code DECODER} is {@code nd4j} or {@code lite} (the project's decoders, in process, with the
 * manifest's model unless {@code --model} names another) or a command with the words {@code {in}}
 * and {@code {out}}. Exit code 0 when every vector passes, 1 when one fails, 2 on a usage error.
 */
public final class ConformanceRunner {
    /** The default time limit per vector, generous for a cold JVM on a busy machine. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(60);

    private final Path vectors;
    private final Manifest manifest;
    private final Tolerance tolerance;
    private final Duration timeLimit;

    public ConformanceRunner(Path vectors, Tolerance tolerance, Duration timeLimit) throws IOException {
        this.vectors = vectors;
        this.manifest = Manifest.read(vectors);
        this.tolerance = tolerance;
        this.timeLimit = timeLimit;
    }

    /** The model file the vectors were made with. */
    public Path modelFile() {
        return vectors.resolve(manifest.model());
    }

    public static void main(String[] args) {
        System.exit(mainExitCode(args));
    }

    static int mainExitCode(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("huvr-conformance: " + e.getMessage());
            System.err.println("usage: huvr-conformance --vectors DIR --decoder nd4j|lite|'COMMAND {in} {out}' "
                    + "[--model FILE] [--report DIR] [--time-limit-s N] [--lpips-weights FILE]");
            return 2;
        }
        try {
            ConformanceRunner runner = new ConformanceRunner(options.vectors, Tolerance.SPEC, options.timeLimit);
            Path model = options.model != null ? options.model : runner.modelFile();
            SuiteResult result = runner.run(decoder(options.decoder, model), options.report);
            Lpips lpips = options.lpipsWeights == null ? null : Lpips.load(options.lpipsWeights);
            ReportWriter.write(result, runner.manifest, options.vectors, options.report,
                    QualityReport.measure(runner.manifest, options.vectors, lpips));
            for (VectorResult r : result.results()) {
                System.out.printf("%s %-50s %s%n", r.passed() ? "PASS" : "FAIL", r.file(), r.reason());
            }
            System.out.printf("%d of %d vectors passed; report in %s%n", result.results().size() - result.failures(),
                    result.results().size(), options.report.resolve(ReportWriter.HTML));
            return result.passed() ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            System.err.println("huvr-conformance: " + e.getMessage());
            return 2;
        }
    }

    /** The decoder a {@code --decoder} value names. */
    public static DecoderUnderTest decoder(String spec, Path model) throws IOException {
        return switch (spec) {
            case "nd4j" -> {
                HuvrDecoder decoder = new HuvrDecoder(HuvrModel.load(model));
                yield new InProcessDecoder("nd4j", decoder::decode);
            }
            case "lite" -> {
                LiteDecoder decoder = new LiteDecoder(LiteModel.load(model));
                yield new InProcessDecoder("lite", bitstream -> PngFiles.toImage(decoder.decode(bitstream), 8));
            }
            default -> new ProcessDecoder(spec);
        };
    }

    /** Runs every vector through the decoder; outputs and heat maps go under {@code reportDir}. */
    public SuiteResult run(DecoderUnderTest decoder, Path reportDir) throws IOException {
        Files.createDirectories(reportDir.resolve("outputs"));
        Files.createDirectories(reportDir.resolve("heatmaps"));
        List<VectorResult> results = new ArrayList<>();
        for (Manifest.ValidVector vector : manifest.valid()) {
            results.add(checkValid(decoder, vector, reportDir));
        }
        for (Manifest.InvalidVector vector : manifest.invalid()) {
            results.add(checkInvalid(decoder, vector, reportDir));
        }
        return new SuiteResult(decoder.name(), vectors.toString(), tolerance, results);
    }

    private VectorResult checkValid(DecoderUnderTest decoder, Manifest.ValidVector vector, Path reportDir)
            throws IOException {
        String name = baseName(vector.file());
        String outputName = "outputs/" + name + ".png";
        Path output = reportDir.resolve(outputName);
        Files.deleteIfExists(output);
        long start = System.nanoTime();
        DecoderUnderTest.Outcome outcome = decoder.decode(vectors.resolve(vector.file()), output, timeLimit);
        long millis = (System.nanoTime() - start) / 1_000_000;
        String failure = switch (outcome.kind()) {
            case DECODED -> null;
            case REJECTED -> "rejected a valid bitstream: " + outcome.message();
            case CRASHED -> "crashed: " + outcome.message();
            case TIMED_OUT -> "timed out: " + outcome.message();
        };
        if (failure != null) {
            return new VectorResult(vector.file(), true, false, failure, millis, null, null, null, null);
        }
        BufferedImage decoded = readPng(output);
        if (decoded == null) {
            return new VectorResult(vector.file(), true, false, "reported success but left no readable PNG at {out}",
                    millis, null, null, null, null);
        }
        if (decoded.getWidth() != vector.width() || decoded.getHeight() != vector.height()) {
            return new VectorResult(vector.file(), true, false, "output is " + decoded.getWidth() + "x"
                    + decoded.getHeight() + ", expected " + vector.width() + "x" + vector.height(), millis, null, null,
                    outputName, null);
        }
        ImageComparison comparison;
        try {
            comparison = ImageComparison.compare(decoded, readPng(vectors.resolve(vector.reference())));
        } catch (IllegalArgumentException e) {
            return new VectorResult(vector.file(), true, false, "output is not a PNG of 8 or 16 bits in the "
                    + "vector's colour model: " + e.getMessage(), millis, null, null, outputName, null);
        }
        String heatMap = "heatmaps/" + name + ".png";
        ImageIO.write(HeatMap.render(comparison.errors(), vector.width(), vector.height(), tolerance),
                "png", reportDir.resolve(heatMap).toFile());
        String violation = comparison.violation(tolerance);
        String reason = violation != null ? violation
                : String.format("within tolerance (RMSE %.3f, peak %.3f)", comparison.maxRmse(), comparison.maxPeak());
        return new VectorResult(vector.file(), true, violation == null, reason, millis, comparison.rmse(),
                comparison.peak(), outputName, heatMap);
    }

    private VectorResult checkInvalid(DecoderUnderTest decoder, Manifest.InvalidVector vector, Path reportDir)
            throws IOException {
        Path output = reportDir.resolve("outputs").resolve("invalid-" + baseName(vector.file()) + ".png");
        Files.deleteIfExists(output);
        long start = System.nanoTime();
        DecoderUnderTest.Outcome outcome = decoder.decode(vectors.resolve(vector.file()), output, timeLimit);
        long millis = (System.nanoTime() - start) / 1_000_000;
        boolean leftOutput = Files.deleteIfExists(output);
        String expected = " (expected rejection " + vector.rejection() + ")";
        String failure = switch (outcome.kind()) {
            case DECODED -> "accepted an invalid bitstream" + expected;
            case REJECTED -> leftOutput ? "rejected the bitstream but left an output file" : null;
            case CRASHED -> "crashed instead of rejecting: " + outcome.message() + expected;
            case TIMED_OUT -> "timed out instead of rejecting" + expected;
        };
        String reason = failure != null ? failure : "rejected: " + outcome.message();
        return new VectorResult(vector.file(), false, failure == null, reason, millis, null, null, null, null);
    }

    private static BufferedImage readPng(Path file) {
        try {
            return Files.isRegularFile(file) ? ImageIO.read(file.toFile()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String baseName(String file) {
        String name = Path.of(file).getFileName().toString();
        return name.endsWith(".huvr") ? name.substring(0, name.length() - 5) : name;
    }

    /** The command line. */
    private record Options(Path vectors, String decoder, Path model, Path report, Duration timeLimit,
                           Path lpipsWeights) {
        static Options parse(String[] args) {
            Path vectors = null;
            String decoder = null;
            Path model = null;
            Path report = Path.of("conformance-report");
            Duration timeLimit = DEFAULT_TIME_LIMIT;
            Path lpipsWeights = null;
            for (int i = 0; i < args.length; i++) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                String value = args[++i];
                switch (args[i - 1]) {
                    case "--vectors" -> vectors = Path.of(value);
                    case "--decoder" -> decoder = value;
                    case "--model" -> model = Path.of(value);
                    case "--report" -> report = Path.of(value);
                    case "--time-limit-s" -> timeLimit = Duration.ofSeconds(positive(value));
                    case "--lpips-weights" -> lpipsWeights = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
                }
            }
            if (vectors == null || decoder == null) {
                throw new IllegalArgumentException("--vectors and --decoder are required");
            }
            return new Options(vectors, decoder, model, report, timeLimit, lpipsWeights);
        }

        private static long positive(String value) {
            try {
                long n = Long.parseLong(value);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // Reported below with the value.
            }
            throw new IllegalArgumentException("--time-limit-s must be a positive whole number, got " + value);
        }
    }
}
