package io.huvr.codec.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Holds the GPU trainer's PyTorch port (scripts/torch/huvr_torch.py) to this graph: each fixture
 * (written by scripts/torch/crosscheck.py) holds weights, inputs and the port's outputs, and the
 * Java graph must compute the same TinToks, INR features, pixels, rate and distortion.
 */
class CrossCheckTest {
    private static final Path FIXTURES = Path.of("src/test/resources/torch");

    static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.filter(f -> f.toString().endsWith(".npz")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void javaGraphComputesWhatThePortComputes(Path fixture) throws IOException {
        ModelWeights.Weights weights = ModelWeights.read(fixture);
        Map<String, INDArray> io = weights.tensors();
        HuvrGraph inference = HuvrGraph.inference(weights.config());
        ModelWeights.assign(inference.sd(), weights);
        SameDiff sd = inference.sd();

        INDArray latent = sd.output(Map.of(HuvrGraph.IMAGE, io.get("io.image")), HuvrGraph.LATENT).get(HuvrGraph.LATENT);
        assertClose(io.get("io.latent"), latent, "TinToks");
        INDArray grid = HuvrGraph.gridFourierFeatures(weights.config().gridPerPatch(),
                weights.config().fourierFrequencies());
        INDArray features = sd.output(Map.of(HuvrGraph.TOKENS, io.get("io.latent"), HuvrGraph.GRID, grid),
                HuvrGraph.FEATURES).get(HuvrGraph.FEATURES);
        assertClose(io.get("io.features"), features, "INR features");
        INDArray rgb = sd.output(Map.of(HuvrGraph.FEATURE_MAP, features.get(
                NDArrayIndex.interval(0, 1))), HuvrGraph.RGB).get(HuvrGraph.RGB);
        assertClose(io.get("io.rgb"), rgb, "pixels");

        HuvrGraph training = HuvrGraph.training(weights.config(), 1);
        ModelWeights.assign(training.sd(), weights);
        Map<String, INDArray> rd = training.sd().output(Map.of(
                HuvrGraph.IMAGE, io.get("io.image"),
                HuvrGraph.NOISE, io.get("io.noise"),
                HuvrGraph.STEP_SCALE, Nd4j.scalar(io.get("io.step_scale").getFloat(0)),
                HuvrGraph.DISTORTION_WEIGHT, Nd4j.scalar(1f)), HuvrGraph.BPP, HuvrGraph.MSE);
        assertEquals(io.get("io.bpp").getDouble(0), rd.get(HuvrGraph.BPP).getDouble(0),
                1e-4 * Math.abs(io.get("io.bpp").getDouble(0)), "bits per pixel");
        assertEquals(io.get("io.mse").getDouble(0), rd.get(HuvrGraph.MSE).getDouble(0),
                1e-4 * io.get("io.mse").getDouble(0), "distortion");
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double scale = expected.amaxNumber().doubleValue() + 1e-6;
        double error = expected.sub(actual.castTo(expected.dataType())).amaxNumber().doubleValue();
        assertTrue(error <= 1e-4 * scale, what + ": max difference " + error + " at scale " + scale);
    }
}
