package io.huvr.codec;

import io.huvr.codec.model.HuvrConfig;
import io.huvr.codec.model.HuvrGraph;
import io.huvr.codec.model.HuvrModel;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Map;

/**
 * Encoder effort above 0: improves one batch of TinToks for this very image by Adam steps on the
 * training objective ({@code bpp + lambda / s^2 * mse}) through the fixed decoder. The decoder and
 * the bitstream are unchanged; only the encoder spends more time.
 */
final class LatentRefiner {
    /** Adam steps per effort level (index = effort). */
    private static final int[] STEPS = {0, 8, 24, 64};
    private static final double LEARNING_RATE = 0.03;

    private final HuvrModel model;
    private SameDiff graph;

    LatentRefiner(HuvrModel model) {
        this.model = model;
    }

    /** Refined TinToks for {@code tiles [n, 3, s, s]} starting from the encoder's {@code latent [n, tokens, dim]}. */
    synchronized INDArray refine(INDArray tiles, INDArray latent, int operatingPoint, int effort) {
        SameDiff sd = graph();
        int n = (int) tiles.size(0);
        int batch = HuvrEncoder.BATCH_TILES;
        // The refinement variable has a fixed batch: pad a short batch by repeating its first tile.
        INDArray paddedTiles = pad(tiles, batch);
        INDArray current = pad(latent, batch).dup('c');
        float stepScale = model.operatingPoints().get(operatingPoint).getStepScale();
        Map<String, INDArray> inputs = Map.of(
                HuvrGraph.IMAGE, paddedTiles,
                HuvrGraph.NOISE, Nd4j.zeros(DataType.FLOAT, current.shape()),
                HuvrGraph.STEP_SCALE, Nd4j.scalar(stepScale),
                HuvrGraph.DISTORTION_WEIGHT, Nd4j.scalar((float) (model.lambda() / (stepScale * stepScale))));
        SDVariable variable = sd.getVariable(HuvrGraph.REFINED_LATENT);
        INDArray m = Nd4j.zerosLike(current);
        INDArray v = Nd4j.zerosLike(current);
        double lr = LEARNING_RATE * stepScale;
        for (int t = 1; t <= STEPS[effort]; t++) {
            variable.setArray(current);
            INDArray g = sd.calculateGradients(inputs, HuvrGraph.REFINED_LATENT).get(HuvrGraph.REFINED_LATENT);
            m.muli(0.9).addi(g.mul(0.1));
            v.muli(0.999).addi(g.mul(g).muli(0.001));
            INDArray mHat = m.div(1 - Math.pow(0.9, t));
            INDArray vHat = v.div(1 - Math.pow(0.999, t));
            current.subi(mHat.muli(lr).divi(Transforms.sqrt(vHat, true).addi(1e-8)));
        }
        return current.get(NDArrayIndex.interval(0, n), NDArrayIndex.all(), NDArrayIndex.all()).dup('c');
    }

    private SameDiff graph() {
        if (graph == null) {
            HuvrConfig config = model.config();
            graph = HuvrGraph.refinement(config, HuvrEncoder.BATCH_TILES).sd();
            for (SDVariable v : graph.variables()) {
                if (v.getVariableType() == VariableType.VARIABLE && !v.name().equals(HuvrGraph.REFINED_LATENT)) {
                    v.setArray(model.parameter(v.name()));
                }
            }
        }
        return graph;
    }

    private static INDArray pad(INDArray x, int batch) {
        if (x.size(0) == batch) {
            return x;
        }
        INDArray[] rows = new INDArray[batch];
        for (int i = 0; i < batch; i++) {
            rows[i] = x.get(NDArrayIndex.interval(i < x.size(0) ? i : 0, (i < x.size(0) ? i : 0) + 1));
        }
        return Nd4j.concat(0, rows);
    }
}
