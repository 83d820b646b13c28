package io.huvr.codec.cli;

import io.huvr.codec.model.ContextTableFit;
import io.huvr.codec.model.HuvrConfig;
import io.huvr.codec.model.ModelExporter;
import io.huvr.codec.train.CropSampler;
import io.huvr.codec.train.Trainer;
import io.huvr.format.HuvrFormatException;
import org.nd4j.autodiff.samediff.SameDiff;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** The options of the commands that write a model file from trained weights ({@code train}, {@code weights import}). */
final class ModelFileOptions {
    /** Training crops the context tables are counted on, and per batch: 4096 tiles hold 262,144 patch tokens. */
    private static final int CONTEXT_BATCHES = 32;
    private static final int CONTEXT_BATCH_CROPS = 128;

    @Option(names = "--lambda", defaultValue = "100",
            description = "distortion weight at step scale 1 of the training (the encoder's refinement uses it too); "
                    + "default ${DEFAULT-VALUE}")
    double lambda;

    @Option(names = "--step-scales", split = ",", defaultValue = "4.0,2.5,1.4,0.7,0.4,0.22",
            description = "step scale of each operating point, quality 1 first (the default spreads huvr-s's "
                    + "held-out rates evenly on a log scale); default ${DEFAULT-VALUE}")
    double[] stepScales;

    /**
     * The model file of a {@code HuvrGraph.training} graph: its operating points measured on the held-out photos of
     * {@code data}, its context tables counted on the training photos.
     */
    byte[] export(SameDiff trained, HuvrConfig config, String name, Path data, PrintStream out)
            throws IOException, HuvrFormatException {
        CropSampler photos = CropSampler.load(data, config.tileSize(), out);
        byte[] factorized = ModelExporter.export(trained, config, name, lambda,
                Trainer.operatingPoints(trained, config, photos, stepScales, out));
        return ContextTableFit.addTo(factorized, CONTEXT_BATCHES,
                b -> photos.fixedTrainingBatch(CONTEXT_BATCH_CROPS, b), out);
    }
}
