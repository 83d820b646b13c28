package io.huvr.codec.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The {@code huvr} command line. Errors end with one line on standard error and a non-zero exit code. */
@Command(name = "huvr", mixinStandardHelpOptions = true, version = "huvr 0.1.0",
        description = "HUVR learned image codec: encode, decode, inspect, train and evaluate.",
        subcommands = {InfoCommand.class, EncodeCommand.class, DecodeCommand.class, TrainCommand.class,
                EvalCommand.class, DemoCommand.class, BenchCommand.class, WeightsCommand.class})
public final class HuvrCli {
    /** Exit code of a failed command (bad input, unreadable file, mismatched model). */
    public static final int EXIT_FAILURE = 1;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line; the exit code is returned, never thrown. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new HuvrCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + oneLine(e));
            return EXIT_FAILURE;
        });
        return cli.execute(args);
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ");
    }
}
