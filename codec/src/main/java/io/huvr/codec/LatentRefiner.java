package io.huvr.codec;

import io.huvr.codec.model.Gradients;
import io.huvr.codec.model.HuvrGraph;
import io.huvr.codec.model.HuvrModel;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Encoder effort above 0: improves one batch of TinToks for this very image by Adam steps on the
 * rate-distortion objective ({@code bpp + lambda / s^2 * mse}) through the fixed decoder, with rounding relaxed
 * by stochastic Gumbel annealing ({@link HuvrGraph#refinement}). The decoder and the bitstream are unchanged;
 * only the encoder spends more time. The annealing noise comes from a fixed seed, so an image always encodes
 * to the same bytes.
 */
final class LatentRefiner {
    /** Adam steps per effort level (index = effort). */
    private static final int[] STEPS = {0, 10, 30, 80};
    /**
     * Adam's step size in quantisation steps per effort level at step scale 1; {@link #learningRate} scales it with
     * the operating point. Chosen for huvr-s on six held-out training photos (256x256) by the mean objective: at
     * quality 3 (step scale 1.4) 10 steps did best at 0.02 (of 0.01 to 0.1), 30 steps at 0.01-0.02 and 80 steps at
     * 0.005 (of 0.005 to 0.02); too large a step spends bits and makes the objective worse than no refinement.
     */
    private static final double[] LEARNING_RATES = {0, 0.04, 0.02, 0.01};
    /**
     * For effort 1 the best step size fell with the square of the step scale where the steps are coarse
     * (0.0025-0.005 at quality 1 and 0.005 at quality 2, of 0.0025 to 0.01; 0.02 at quality 3), and stopped rising at
     * twice the step-scale-1 size where they are fine (0.08 at quality 5, step scale 0.4, of 0.01 to 0.16). Efforts 2
     * and 3 take the same scaling untuned; with it each effort lowered the objective further at qualities 1, 3 and 5
     * (effort 3 checked at quality 1 only).
     */
    private static final double MAX_LEARNING_RATE_FACTOR = 2;
    /** The temperature falls linearly over the steps from this towards {@link #END_TEMPERATURE} (reached after the last). */
    private static final double START_TEMPERATURE = 0.5;
    private static final double END_TEMPERATURE = 1e-3;
    private static final long NOISE_SEED = 0x5eed;

    private final HuvrModel model;
    /** One refinement graph per batch size met so far (at most {@link HuvrEncoder#BATCH_TILES} of them). */
    private final Map<Integer, SameDiff> graphs = new HashMap<>();

    LatentRefiner(HuvrModel model) {
        this.model = model;
    }

    /** Refined TinToks for {@code tiles [n, 3, s, s]} starting from the encoder's {@code latent [n, tokens, dim]}. */
    synchronized INDArray refine(INDArray tiles, INDArray latent, int operatingPoint, int effort) {
        int n = (int) tiles.size(0);
        SameDiff sd = graphs.computeIfAbsent(n, this::graph);
        SDVariable variable = sd.getVariable(HuvrGraph.REFINED_SYMBOLS);
        INDArray steps = steps(operatingPoint, latent.shape());
        // Assign into the variable's own buffer: the updater keeps working on that one after setArray.
        variable.getArr().assign(latent.div(steps));
        float stepScale = model.operatingPoints().get(operatingPoint).getStepScale();
        startAdamAfresh(sd, learningRate(effort, stepScale));
        SplittableRandom random = new SplittableRandom(NOISE_SEED);
        // Only the noise and the temperature change from step to step.
        INDArray[] features = {tiles, null, Nd4j.scalar(stepScale),
                Nd4j.scalar((float) (model.lambda() / (stepScale * stepScale))), null};
        int count = STEPS[effort];
        for (int t = 0; t < count; t++) {
            double temperature = START_TEMPERATURE + (END_TEMPERATURE - START_TEMPERATURE) * t / count;
            features[1] = logisticNoise(random, variable.getArr().shape());
            features[4] = Nd4j.scalar((float) temperature);
            sd.fit(new MultiDataSet(features.clone(), new INDArray[0]));
        }
        return variable.getArr().mul(steps);
    }

    /** Adam's step size, in quantisation steps, for this effort at this step scale. */
    private static double learningRate(int effort, double stepScale) {
        return LEARNING_RATES[effort] * Math.min(1 / (stepScale * stepScale), MAX_LEARNING_RATE_FACTOR);
    }

    /** Every value's quantisation step for latents of {@code shape [tiles, tokens, dim]}. */
    private INDArray steps(int operatingPoint, long[] shape) {
        float[] tile = model.tileSteps(operatingPoint);
        float[] values = new float[tile.length * (int) shape[0]];
        for (int t = 0; t < shape[0]; t++) {
            System.arraycopy(tile, 0, values, t * tile.length, tile.length);
        }
        return Nd4j.create(values, shape, 'c');
    }

    /** Differences of two standard Gumbel variables: the noise of a two-way Gumbel-softmax choice. */
    private static INDArray logisticNoise(SplittableRandom random, long[] shape) {
        float[] values = new float[Math.toIntExact(shape[0] * shape[1] * shape[2])];
        for (int i = 0; i < values.length; i++) {
            double u = Math.min(Math.max(random.nextDouble(), 1e-7), 1 - 1e-7);
            values[i] = (float) Math.log(u / (1 - u));
        }
        return Nd4j.create(values, shape, 'c');
    }

    /**
     * Adam from zero moments at this learning rate, so that every batch refines alike whatever was refined before.
     * A new training configuration alone does not do it: SameDiff keeps the updaters (moments and learning rate)
     * it created at its first fit.
     */
    private static void startAdamAfresh(SameDiff sd, double learningRate) {
        Adam adam = new Adam(learningRate);
        sd.setTrainingConfig(HuvrGraph.refinementConfig(adam));
        Map<String, GradientUpdater> updaters = sd.getUpdaterMap();
        if (updaters != null) { // null until the first fit creates them from the configuration
            for (Map.Entry<String, GradientUpdater> updater : updaters.entrySet()) {
                Map<String, INDArray> moments = updater.getValue().getState();
                moments.values().forEach(moment -> moment.assign(0));
                updater.setValue(adam.instantiate(moments, false));
            }
        }
    }

    private SameDiff graph(int tiles) {
        SameDiff sd = HuvrGraph.refinement(model.config(), tiles).sd();
        List<SDVariable> fixed = sd.variables().stream()
                .filter(v -> v.getVariableType() == VariableType.VARIABLE)
                .filter(v -> !v.name().equals(HuvrGraph.REFINED_SYMBOLS))
                .toList();
        for (SDVariable v : fixed) {
            v.setArray(model.parameter(v.name()));
        }
        // Only the TinToks train: the model's parameters become constants of this graph.
        sd.convertToConstants(fixed);
        // The gradient function must be built after a training configuration exists, or fit() updates nothing.
        sd.setTrainingConfig(HuvrGraph.refinementConfig(new Adam(LEARNING_RATES[1])));
        Gradients.prepare(sd);
        return sd;
    }
}
