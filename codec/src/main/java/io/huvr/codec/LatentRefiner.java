package io.huvr.codec;

import io.huvr.codec.model.Gradients;
import io.huvr.codec.model.HuvrGraph;
import io.huvr.codec.model.HuvrModel;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encoder effort above 0: improves one batch of TinToks for this very image by Adam steps on the
 * training objective ({@code bpp + lambda / s^2 * mse}) through the fixed decoder. The decoder and
 * the bitstream are unchanged; only the encoder spends more time.
 */
final class LatentRefiner {
    /** Adam steps per effort level (index = effort). */
    private static final int[] STEPS = {0, 10, 30, 80};
    /** Adam's step size relative to the operating point's step scale (TinToks live on that scale). */
    private static final double LEARNING_RATE = 0.05;

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
        SDVariable variable = sd.getVariable(HuvrGraph.REFINED_LATENT);
        // Assign into the variable's own buffer: the updater keeps working on that one after setArray.
        variable.getArr().assign(latent);
        float stepScale = model.operatingPoints().get(operatingPoint).getStepScale();
        startAdamAfresh(sd, LEARNING_RATE * stepScale);
        MultiDataSet inputs = new MultiDataSet(new INDArray[] {
                tiles,
                Nd4j.zeros(DataType.FLOAT, variable.getArr().shape()),
                Nd4j.scalar(stepScale),
                Nd4j.scalar((float) (model.lambda() / (stepScale * stepScale)))}, new INDArray[0]);
        for (int t = 0; t < STEPS[effort]; t++) {
            sd.fit(inputs);
        }
        return variable.getArr().dup('c');
    }

    /**
     * Adam from zero moments at this learning rate, so that every batch refines alike whatever was refined before.
     * A new training configuration alone does not do it: SameDiff keeps the updaters (moments and learning rate)
     * it created at its first fit.
     */
    private static void startAdamAfresh(SameDiff sd, double learningRate) {
        Adam adam = new Adam(learningRate);
        sd.setTrainingConfig(HuvrGraph.trainingConfig(adam));
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
                .filter(v -> !v.name().equals(HuvrGraph.REFINED_LATENT))
                .toList();
        for (SDVariable v : fixed) {
            v.setArray(model.parameter(v.name()));
        }
        // Only the TinToks train: the model's parameters become constants of this graph.
        sd.convertToConstants(fixed);
        // The gradient function must be built after a training configuration exists, or fit() updates nothing.
        sd.setTrainingConfig(HuvrGraph.trainingConfig(new Adam(LEARNING_RATE)));
        Gradients.prepare(sd);
        return sd;
    }
}
