package io.huvr.codec.model;

import io.huvr.codec.entropy.ContextStatistics;
import io.huvr.codec.entropy.ContextTables;
import io.huvr.format.HuvrFormatException;
import io.huvr.format.ModelFile;
import io.huvr.format.ModelFileReader;
import io.huvr.format.ModelFileWriter;
import io.huvr.format.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Adds context tables ({@link ContextTables}) to a model file with factorized tables: the model encodes
 * training crops, their tokens are quantised at every operating point, and each operating point's symbols are
 * counted by channel and context. The tables are measured, not learned: the network is unchanged.
 */
public final class ContextTableFit {
    private ContextTableFit() {
    }

    /**
     * The model file {@code modelFile} plus the tensors {@code entropy.op{k}.patch.context}.
     *
     * @param batches number of crop batches to count
     * @param crops   batch {@code b} of crops {@code [n, 3, tile, tile]} in [-1, 1]
     */
    public static byte[] addTo(byte[] modelFile, int batches, IntFunction<INDArray> crops, PrintStream progress)
            throws IOException, HuvrFormatException {
        ModelFile file = ModelFileReader.read(new ByteArrayInputStream(modelFile));
        HuvrModel model = HuvrModel.read(new ByteArrayInputStream(modelFile));
        if (model.codesInContext()) {
            throw new IllegalArgumentException("the model file has context tables already");
        }
        HuvrConfig config = model.config();
        int points = model.operatingPoints().size();
        ContextStatistics[] statistics = new ContextStatistics[points];
        float[][] steps = new float[points][];
        for (int k = 0; k < points; k++) {
            statistics[k] = new ContextStatistics(config.tokenDim(), config.tokenDim(), config.patchesPerSide());
            steps[k] = model.tileSteps(k);
        }
        for (int b = 0; b < batches; b++) {
            float[] latents = model.encodeTiles(crops.apply(b)).dup('c').data().asFloat();
            for (int k = 0; k < points; k++) {
                for (int tile = 0; tile < latents.length / steps[k].length; tile++) {
                    statistics[k].add(HuvrModel.symbols(latents, tile, steps[k]));
                }
            }
            progress.printf("\rcounting context statistics: batch %d/%d", b + 1, batches);
        }
        progress.println();
        List<Tensor> tensors = new ArrayList<>(file.tensors().values());
        for (int k = 0; k < points; k++) {
            ContextTables tables = statistics[k].tables(model.tables(k, false), DensityTables.PRECISION_BITS);
            tensors.add(ModelExporter.tableTensor(HuvrModel.contextTensorName(k), tables.tables()));
        }
        return ModelFileWriter.toBytes(file.header(), tensors);
    }
}
