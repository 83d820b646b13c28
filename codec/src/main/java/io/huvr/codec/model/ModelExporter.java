package io.huvr.codec.model;

import io.huvr.codec.entropy.CdfTable;
import io.huvr.format.HuvrFormatException;
import io.huvr.format.ModelFileWriter;
import io.huvr.format.Tensor;
import io.huvr.format.proto.ModelHeader;
import io.huvr.format.proto.OperatingPoint;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a trained graph as a model file: the hyper-parameters, the trainable parameters by name
 * (weights only, no optimiser state), and the integer CDF tables of every operating point.
 */
public final class ModelExporter {
    private ModelExporter() {
    }

    /** An operating point to export: its step scale and the bits per pixel measured for it (informative). */
    public record Point(double stepScale, double nominalBpp) {
    }

    public static byte[] export(SameDiff trained, HuvrConfig config, String name, double lambda, List<Point> points)
            throws HuvrFormatException {
        ModelHeader.Builder header = ModelHeader.newBuilder()
                .setArchitecture(HuvrConfig.ARCHITECTURE)
                .setName(name)
                .putAllIntParams(config.toParams())
                .putFloatParams(HuvrModel.LAMBDA_PARAM, lambda)
                .setCdfPrecisionBits(DensityTables.PRECISION_BITS);
        List<Tensor> tensors = new ArrayList<>();
        for (SDVariable v : trained.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) {
                INDArray a = v.getArr().castTo(DataType.FLOAT).dup('c');
                tensors.add(Tensor.ofFloats(v.name(), toInt(a.shape()), a.data().asFloat()));
            }
        }
        float[] patchLogSteps = array(trained, HuvrGraph.PATCH_STEP).data().asFloat();
        float[] globalLogSteps = array(trained, HuvrGraph.GLOBAL_STEP).data().asFloat();
        for (int k = 0; k < points.size(); k++) {
            Point point = points.get(k);
            header.addOperatingPoints(OperatingPoint.newBuilder().setName("q" + (k + 1))
                    .setStepScale((float) point.stepScale()).setNominalBpp((float) point.nominalBpp()));
            tensors.add(tableTensor(HuvrModel.tableTensorName(k, false),
                    tables(trained, HuvrGraph.PATCH_DENSITY, patchLogSteps, (float) point.stepScale())));
            tensors.add(tableTensor(HuvrModel.tableTensorName(k, true),
                    tables(trained, HuvrGraph.GLOBAL_DENSITY, globalLogSteps, (float) point.stepScale())));
        }
        return ModelFileWriter.toBytes(header.build(), tensors);
    }

    /** The tables of one density at one step scale; steps are computed in float as the codec computes them. */
    static CdfTable[] tables(SameDiff graph, String density, float[] logSteps, float stepScale) {
        double[] steps = new double[logSteps.length];
        for (int c = 0; c < steps.length; c++) {
            steps[c] = HuvrModel.step(logSteps[c], stepScale);
        }
        return DensityTables.build(matrix(graph, density + ".logits"), matrix(graph, density + ".means"),
                matrix(graph, density + ".log_scales"), steps);
    }

    /** An INT32 tensor of tables in their stored form, concatenated. */
    static Tensor tableTensor(String name, CdfTable[] tables) {
        List<Integer> ints = new ArrayList<>();
        for (CdfTable t : tables) {
            for (int v : t.toInts()) {
                ints.add(v);
            }
        }
        return Tensor.ofInts(name, new int[] {ints.size()}, ints.stream().mapToInt(Integer::intValue).toArray());
    }

    private static INDArray array(SameDiff graph, String name) {
        return graph.getVariable(name).getArr();
    }

    private static float[][] matrix(SameDiff graph, String name) {
        return array(graph, name).castTo(DataType.FLOAT).toFloatMatrix();
    }

    private static int[] toInt(long[] shape) {
        int[] s = new int[shape.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.toIntExact(shape[i]);
        }
        return s;
    }
}
