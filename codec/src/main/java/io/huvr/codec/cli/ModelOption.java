package io.huvr.codec.cli;

import io.huvr.codec.model.HuvrModel;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/** The {@code --model} option shared by the commands that run the network. */
final class ModelOption {
    @Option(names = "--model", paramLabel = "FILE.huvrm",
            description = "model file (default: the built-in huvr-s model)")
    Path model;

    HuvrModel load() throws IOException {
        return model == null ? HuvrModel.loadDefault() : HuvrModel.load(model);
    }
}
