package io.huvr.codec.layers;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Builds the model's parameterised layers into a {@link SameDiff} graph. Every layer works on
 * rank-2 {@code [rows, width]} activations: ND4J's per-op overhead dominates small tensors, so the
 * callers fold batch and token axes into rows and each layer is one large matrix product.
 *
 * <p>Parameters are created with a seeded initialisation; a trained model overwrites them by name.
 */
public final class Layers {
    private final SameDiff sd;
    private final long seed;
    private int created;

    public Layers(SameDiff sd, long seed) {
        this.sd = sd;
        this.seed = seed;
    }

    public SameDiff sd() {
        return sd;
    }

    /** A trainable parameter drawn from N(0, std^2), seeded per parameter so graphs are reproducible. */
    public SDVariable normal(String name, double std, long... shape) {
        SplittableRandom random = new SplittableRandom(seed + 7919L * created++);
        float[] values = new float[Math.toIntExact(Arrays.stream(shape).reduce(1, Math::multiplyExact))];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (gaussian(random) * std);
        }
        return sd.var(name, Nd4j.create(values, shape, 'c'));
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** A trainable parameter filled with one value. */
    public SDVariable constantParam(String name, double value, long... shape) {
        return sd.var(name, Nd4j.valueArrayOf(shape, value, DataType.FLOAT));
    }

    /** {@code x W + b} with a fan-in scaled initialisation. */
    public SDVariable linear(String name, SDVariable x, int in, int out) {
        SDVariable w = normal(name + ".w", 1.0 / Math.sqrt(in), in, out);
        SDVariable b = constantParam(name + ".b", 0, out);
        return x.mmul(w).add(b);
    }

    /** LayerNorm over the last axis of a rank-2 input, with gain and bias. */
    public SDVariable layerNorm(String name, SDVariable x, int width) {
        SDVariable gain = constantParam(name + ".g", 1, width);
        SDVariable bias = constantParam(name + ".b", 0, width);
        return sd.nn.layerNorm(x, gain, bias, false, 1);
    }

    /** Pre-norm residual MLP block: {@code x + W2 gelu(W1 LN(x))}. */
    public SDVariable mlpBlock(String name, SDVariable x, int width, int hidden) {
        SDVariable h = sd.nn.gelu(linear(name + ".fc1", layerNorm(name + ".ln", x, width), width, hidden));
        return x.add(linear(name + ".fc2", h, hidden, width));
    }
}
