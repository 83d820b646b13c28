package io.huvr.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An external decoder run as a process per file, from a command template whose whitespace-separated
 * words {@code {in}} and {@code {out}} are replaced by the paths (no shell is involved: wrap the
 * command in {@code sh -c '...'} to use one). The process contract is in conformance/README.md:
 * exit 0 decoded, exit 1 rejected, anything else crashed; stopped after the time limit.
 */
public final class ProcessDecoder implements DecoderUnderTest {
    private final List<String> template;

    public ProcessDecoder(String command) {
        this.template = List.of(command.trim().split("\\s+"));
        if (!template.contains("{in}") || !template.contains("{out}")) {
            throw new IllegalArgumentException("the decoder command needs the words {in} and {out}: " + command);
        }
    }

    @Override
    public String name() {
        return String.join(" ", template);
    }

    @Override
    public Outcome decode(Path input, Path output, Duration limit) {
        List<String> command = new ArrayList<>();
        for (String word : template) {
            command.add(word.equals("{in}") ? input.toString() : word.equals("{out}") ? output.toString() : word);
        }
        Path stderr = output.resolveSibling(output.getFileName() + ".stderr");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(stderr.toFile()).start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                return new Outcome(Kind.TIMED_OUT, "stopped after " + limit.toMillis() + " ms");
            }
            String message = lastLine(stderr);
            return switch (process.exitValue()) {
                case 0 -> new Outcome(Kind.DECODED, message);
                case 1 -> new Outcome(Kind.REJECTED, message);
                default -> new Outcome(Kind.CRASHED, "exit code " + process.exitValue() + ": " + message);
            };
        } catch (IOException e) {
            return new Outcome(Kind.CRASHED, "could not run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(Kind.CRASHED, "interrupted");
        } finally {
            try {
                Files.deleteIfExists(stderr);
            } catch (IOException ignored) {
                // A leftover log file does not change the verdict.
            }
        }
    }

    private static String lastLine(Path file) throws IOException {
        // Lenient decoding: a decoder's diagnostics need not be valid UTF-8.
        List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
    }
}
