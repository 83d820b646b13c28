package io.huvr.codec.cli;

import io.huvr.codec.HuvrDecoder;
import io.huvr.format.HuvrReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code huvr decode IN.huvr -o OUT.png}. */
@Command(name = "decode", description = "Decode a .huvr file to PNG.")
final class DecodeCommand implements Callable<Integer> {
    @Mixin
    ModelOption model;

    @Parameters(paramLabel = "IN.huvr")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.png")
    Path output;

    @Override
    public Integer call() throws Exception {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(input))) {
            OutputFiles.writePng(output, new HuvrDecoder(model.load()).decode(HuvrReader.read(in)));
        }
        return 0;
    }
}
