package io.huvr.codec.train;

import io.huvr.codec.model.Gradients;
import io.huvr.codec.model.HuvrConfig;
import io.huvr.codec.model.HuvrGraph;
import io.huvr.codec.model.ModelExporter;
import io.huvr.codec.model.ModelWeights;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.ExponentialSchedule;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Rate-distortion training of one variable-rate model: each step draws a quantisation step scale
 * {@code s} log-uniformly from [{@link #MIN_STEP_SCALE}, {@link #MAX_STEP_SCALE}] and minimises
 * {@code bpp + (lambda / s^2) mse}, so every scale is trained at its own rate-distortion slope
 * (distortion grows as the step squared).
 */
public final class Trainer {
    public static final double MIN_STEP_SCALE = 0.35;
    public static final double MAX_STEP_SCALE = 2.5;
    static final int VALIDATION_CROPS = 48;
    static final double FINAL_LR_FRACTION = 0.05;

    /** What a run does; {@code lambda} is the distortion weight at step scale 1. */
    public record Options(HuvrConfig config, Path data, Path checkpoint, int steps, int batch, double learningRate,
                          double lambda, int validateEvery, long seed) {
    }

    private final Options options;
    private final PrintStream out;

    public Trainer(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Trains until {@code options.steps()} steps are done in total, resuming from the checkpoint if it exists. */
    public SameDiff run() throws IOException {
        HuvrConfig config = options.config();
        TrainingLog log = new TrainingLog(logFile());
        SameDiff sd = HuvrGraph.training(config, options.seed()).sd();
        int startStep = 0;
        if (Files.exists(options.checkpoint())) {
            // Adam's moments are not restored: the rate then follows the schedule of this run's --steps,
            // so a finished run can be extended without its decayed rate stalling the new steps.
            resume(SameDiff.load(options.checkpoint().toFile(), false), sd);
            startStep = log.lastStep();
            out.printf("resumed from %s at step %d%n", options.checkpoint(), startStep);
        }
        CropSampler sampler = CropSampler.load(options.data(), config.tileSize(), out);
        sd.setTrainingConfig(trainingConfig(startStep));
        Gradients.prepare(sd);
        SplittableRandom random = new SplittableRandom(options.seed() + startStep);
        INDArray holdout = sampler.holdoutBatch(VALIDATION_CROPS);
        int tokens = 1 + config.patchesPerTile();
        long start = System.nanoTime();
        for (int step = startStep + 1; step <= options.steps(); step++) {
            double stepScale = Math.exp(Math.log(MIN_STEP_SCALE)
                    + random.nextDouble() * Math.log(MAX_STEP_SCALE / MIN_STEP_SCALE));
            INDArray batch = sampler.trainingBatch(options.batch(), random);
            INDArray noise = uniformNoise(random, options.batch(), tokens, config.tokenDim());
            MultiDataSet data = new MultiDataSet(new INDArray[] {batch, noise, Nd4j.scalar((float) stepScale),
                    Nd4j.scalar((float) (options.lambda() / (stepScale * stepScale)))}, new INDArray[0]);
            sd.fit(data);
            double elapsed = (System.nanoTime() - start) / 1e9;
            int done = step - startStep;
            out.printf(Locale.ROOT, "\rstep %d/%d  %.2f steps/s  ETA %s   ", step, options.steps(), done / elapsed, eta((options.steps() - step) * elapsed / done));
            if (step % options.validateEvery() == 0 || step == options.steps()) {
                double[] low = validate(sd, holdout, tokens, config.tokenDim(), 2.0);
                double[] mid = validate(sd, holdout, tokens, config.tokenDim(), 1.0);
                double[] high = validate(sd, holdout, tokens, config.tokenDim(), 0.5);
                log.append(step, elapsed, options.lambda(), low, mid, high);
                out.printf(Locale.ROOT, "%nvalidation at step %d: s=2 %.2f dB %.3f bpp | s=1 %.2f dB %.3f bpp | "
                        + "s=0.5 %.2f dB %.3f bpp%n", step, low[0], low[1], mid[0], mid[1], high[0], high[1]);
                save(sd);
            }
        }
        out.println();
        return sd;
    }

    /**
     * The operating points to export: each step scale with the bits per pixel the density estimates
     * for it on the held-out crops of {@code photos}. {@code trained} is a {@link HuvrGraph#training} graph.
     */
    public static List<ModelExporter.Point> operatingPoints(SameDiff trained, HuvrConfig config, CropSampler photos,
                                                            double[] stepScales, PrintStream out) {
        INDArray holdout = photos.holdoutBatch(VALIDATION_CROPS);
        List<ModelExporter.Point> points = new ArrayList<>();
        for (double scale : stepScales) {
            double[] measured = validate(trained, holdout, 1 + config.patchesPerTile(), config.tokenDim(), scale);
            out.printf(Locale.ROOT, "operating point s=%.3f: %.2f dB at %.3f bpp (held-out crops)%n", scale,
                    measured[0], measured[1]);
            points.add(new ModelExporter.Point(scale, measured[1]));
        }
        return points;
    }

    /** PSNR (dB, 8-bit peak) with hard-rounded tokens, and the density's estimate of bits per pixel. */
    private static double[] validate(SameDiff sd, INDArray holdout, int tokens, int tokenDim, double stepScale) {
        Map<String, INDArray> result = sd.output(Map.of(
                HuvrGraph.IMAGE, holdout,
                HuvrGraph.NOISE, Nd4j.zeros(DataType.FLOAT, holdout.size(0), tokens, tokenDim),
                HuvrGraph.STEP_SCALE, Nd4j.scalar((float) stepScale),
                HuvrGraph.DISTORTION_WEIGHT, Nd4j.scalar(0f)), HuvrGraph.MSE, HuvrGraph.BPP);
        double mse = result.get(HuvrGraph.MSE).getDouble(0);
        return new double[] {10 * Math.log10(4 / mse), result.get(HuvrGraph.BPP).getDouble(0)};
    }

    /**
     * Adam with a rate decaying exponentially to {@link #FINAL_LR_FRACTION} of the initial rate at the
     * last step, started at the rate the schedule reaches at {@code startStep}.
     */
    private TrainingConfig trainingConfig(int startStep) {
        double decay = Math.pow(FINAL_LR_FRACTION, 1.0 / options.steps());
        ISchedule lr = new ExponentialSchedule(ScheduleType.ITERATION,
                options.learningRate() * Math.pow(decay, startStep), decay);
        return HuvrGraph.trainingConfig(new Adam(lr));
    }

    /**
     * Sets {@code graph}'s parameters from the checkpoint. One of other sizes than the configuration (huvr-s's TinToks
     * had 16 channels before 2026-11-30) is a clear error here, not a shape failure deep inside the first training
     * step, and one with extra tensors (a deeper encoder, say) is not exported under the smaller header.
     */
    private void resume(SameDiff checkpoint, SameDiff graph) throws IOException {
        Map<String, INDArray> saved = new HashMap<>();
        for (SDVariable v : checkpoint.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                if (!graph.hasVariable(v.name())) {
                    throw otherSize("it has " + v.name() + ", which this configuration lacks");
                }
                saved.put(v.name(), v.getArr());
            }
        }
        try {
            ModelWeights.assign(graph, new ModelWeights.Weights(options.config(), saved));
        } catch (IOException e) {
            throw otherSize(e.getMessage());
        }
    }

    private IOException otherSize(String why) {
        return new IOException("checkpoint " + options.checkpoint() + " is of another model size: " + why);
    }

    /** The validation log kept beside the checkpoint. */
    public Path logFile() {
        return options.checkpoint().resolveSibling(options.checkpoint().getFileName() + ".log.csv");
    }

    private void save(SameDiff sd) {
        Path tmp = options.checkpoint().resolveSibling(options.checkpoint().getFileName() + ".tmp");
        sd.save(tmp.toFile(), false);
        try {
            Files.move(tmp, options.checkpoint(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write checkpoint " + options.checkpoint(), e);
        }
    }

    private static INDArray uniformNoise(SplittableRandom random, int batch, int tokens, int dim) {
        float[] values = new float[batch * tokens * dim];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextDouble() - 0.5);
        }
        return Nd4j.create(values, new long[] {batch, tokens, dim}, 'c');
    }

    private static String eta(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
