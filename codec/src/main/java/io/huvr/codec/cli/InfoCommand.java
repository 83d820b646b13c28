package io.huvr.codec.cli;

import io.huvr.format.HeaderJson;
import io.huvr.format.HuvrReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code huvr info FILE.huvr}: validates the container and prints its header as JSON. */
@Command(name = "info", description = "Print a .huvr file's header as JSON (exit 1 with the reason if it is invalid).")
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE.huvr")
    Path file;

    @Override
    public Integer call() throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            spec.commandLine().getOut().println(HeaderJson.toJson(HuvrReader.read(in)));
        }
        return 0;
    }
}
