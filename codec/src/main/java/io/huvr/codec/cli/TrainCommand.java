package io.huvr.codec.cli;

import io.huvr.codec.model.HuvrConfig;
import io.huvr.codec.report.TrainingReport;
import io.huvr.codec.train.Trainer;
import org.nd4j.autodiff.samediff.SameDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code huvr train --data DIR}: trains (or resumes) the default-size model and writes the model file and plots. */
@Command(name = "train", description = "Train the huvr-s model on a folder of photos; resumes from --checkpoint.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "folder of training photos")
    Path data;

    @Option(names = "--checkpoint", defaultValue = "huvr-train.sd", paramLabel = "FILE",
            description = "checkpoint (weights), resumed if it exists (with fresh Adam moments and the learning-rate "
                    + "schedule of --steps); default ${DEFAULT-VALUE}")
    Path checkpoint;

    @Option(names = {"-o", "--output"}, defaultValue = "huvr-s.huvrm", paramLabel = "FILE.huvrm",
            description = "model file to write at the end; default ${DEFAULT-VALUE}")
    Path output;

    @Option(names = "--report", defaultValue = "training-report", paramLabel = "DIR",
            description = "folder for the PNG training curves; default ${DEFAULT-VALUE}")
    Path report;

    @Option(names = "--steps", defaultValue = "3400", description = "total steps; default ${DEFAULT-VALUE}")
    int steps;

    @Option(names = "--batch", defaultValue = "16", description = "crops per step; default ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "Adam learning rate; default ${DEFAULT-VALUE}")
    double learningRate;

    @Mixin
    ModelFileOptions modelFile;

    @Option(names = "--validate-every", defaultValue = "250", description = "default ${DEFAULT-VALUE}")
    int validateEvery;

    @Option(names = "--seed", defaultValue = "1", description = "default ${DEFAULT-VALUE}")
    long seed;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        Trainer trainer = new Trainer(new Trainer.Options(HuvrConfig.small(), data, checkpoint, steps, batch, learningRate,
                modelFile.lambda, validateEvery, seed), out);
        SameDiff trained = trainer.run();
        OutputFiles.writeBytes(output, modelFile.export(trained, HuvrConfig.small(), "huvr-s", data, out));
        TrainingReport.write(trainer.logFile(), report);
        spec.commandLine().getOut().println("wrote " + output + " and the training curves in " + report);
        return 0;
    }
}
