package io.huvr.codec.cli;

import io.huvr.codec.model.HuvrGraph;
import io.huvr.codec.model.ModelWeights;
import io.huvr.codec.report.TrainingReport;
import org.nd4j.autodiff.samediff.SameDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code huvr weights export|import}: moves a model's parameters to and from a NumPy archive, so that
 * a trainer outside the JVM (scripts/torch, on a GPU) can start from a model file and hand its result back.
 */
@Command(name = "weights", description = "Export a model's weights to a NumPy .npz, or build a model file from one.",
        subcommands = {WeightsCommand.Export.class, WeightsCommand.Import.class})
final class WeightsCommand {

    @Command(name = "export", description = "Write a model file's weights and hyper-parameters as a NumPy .npz.")
    static final class Export implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ModelOption model;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.npz")
        Path output;

        @Override
        public Integer call() throws Exception {
            var loaded = model.load();
            OutputFiles.atomically(output, loaded::writeWeights);
            spec.commandLine().getOut().println("wrote the weights of " + loaded.name() + " to " + output);
            return 0;
        }
    }

    @Command(name = "import", description = "Build a model file from a .npz of weights: operating points and "
            + "entropy tables are measured on the held-out crops of --data.")
    static final class Import implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE.npz")
        Path weights;

        @Option(names = "--data", required = true, paramLabel = "DIR",
                description = "training photos (only the held-out ones are used)")
        Path data;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.huvrm")
        Path output;

        @Option(names = "--name", defaultValue = "huvr-s", description = "model name; default ${DEFAULT-VALUE}")
        String name;

        @Mixin
        ModelFileOptions modelFile;

        @Option(names = "--log", paramLabel = "FILE.csv",
                description = "the run's validation log (train_gpu.py's log.csv) to plot into --report")
        Path log;

        @Option(names = "--report", defaultValue = "training-report", paramLabel = "DIR",
                description = "folder for the PNG training curves of --log; default ${DEFAULT-VALUE}")
        Path report;

        @Override
        public Integer call() throws Exception {
            PrintStream out = System.out;
            ModelWeights.Weights loaded = ModelWeights.read(weights);
            SameDiff graph = HuvrGraph.training(loaded.config(), 1).sd();
            ModelWeights.assign(graph, loaded);
            OutputFiles.writeBytes(output, modelFile.export(graph, loaded.config(), name, data, out));
            spec.commandLine().getOut().println("wrote " + output);
            if (log != null) {
                TrainingReport.write(log, report);
                spec.commandLine().getOut().println("wrote the training curves in " + report);
            }
            return 0;
        }
    }
}
