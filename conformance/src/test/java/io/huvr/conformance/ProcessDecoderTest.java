package io.huvr.conformance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** External decoders under the process contract of conformance/README.md. */
class ProcessDecoderTest {
    private static final Set<String> FEW = Set.of("rans-1x1.huvr", "zstd-q1-45x29.huvr", "codec-rans-final-state.huvr",
            "container-truncated.huvr");

    @TempDir
    Path work;

    private SuiteResult run(String command, Duration limit) throws IOException {
        Path vectors = TestVectors.subset(work.resolve("vectors"), FEW);
        return new ConformanceRunner(vectors, Tolerance.SPEC, limit).run(new ProcessDecoder(command),
                work.resolve("report"));
    }

    private Path script(String name, String body) throws IOException {
        Path file = work.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    @Test
    void liteAsAnExternalProcessPasses() throws IOException {
        String command = "java -Xmx256m -cp " + System.getProperty("java.class.path") + " io.huvr.lite.LiteMain "
                + TestVectors.model().toAbsolutePath() + " {in} {out}";
        SuiteResult result = run(command, Duration.ofSeconds(60));
        assertTrue(result.passed(), () -> result.results().toString());
    }

    @Test
    void exitCodeOtherThanZeroOrOneIsACrash() throws IOException {
        SuiteResult result = run(script("crash.sh", "echo 'segfault, say' >&2; exit 139") + " {in} {out}",
                Duration.ofSeconds(10));
        VectorResult r = result.result("invalid/codec-rans-final-state.huvr");
        assertFalse(r.passed());
        assertTrue(r.reason().contains("crashed instead of rejecting: exit code 139: segfault, say"), r.reason());
        assertTrue(result.result("valid/rans-1x1.huvr").reason().startsWith("crashed"));
    }

    @Test
    void rejectingButLeavingAnOutputFails() throws IOException {
        SuiteResult result = run(script("litter.sh", "echo junk > \"$2\"; exit 1") + " {in} {out}",
                Duration.ofSeconds(10));
        VectorResult r = result.result("invalid/container-truncated.huvr");
        assertFalse(r.passed());
        assertTrue(r.reason().contains("left an output file"), r.reason());
        assertTrue(result.result("valid/rans-1x1.huvr").reason().startsWith("rejected a valid bitstream"));
    }

    @Test
    void successWithoutAPngFails() throws IOException {
        SuiteResult result = run(script("liar.sh", "exit 0") + " {in} {out}", Duration.ofSeconds(10));
        assertTrue(result.result("valid/zstd-q1-45x29.huvr").reason().contains("left no readable PNG"));
        assertTrue(result.result("invalid/container-truncated.huvr").reason().startsWith("accepted an invalid"));
    }

    @Test
    void hangingProcessIsKilledAtTheTimeLimit() throws IOException {
        long start = System.nanoTime();
        SuiteResult result = run(script("hang.sh", "sleep 30") + " {in} {out}", Duration.ofMillis(500));
        assertTrue(System.nanoTime() - start < 15_000_000_000L, "the runner waited for the hanging decoders");
        assertTrue(result.results().stream().allMatch(r -> r.reason().contains("timed out")),
                () -> result.results().toString());
    }
}
