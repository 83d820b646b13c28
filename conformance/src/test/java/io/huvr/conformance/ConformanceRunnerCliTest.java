package io.huvr.conformance;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConformanceRunnerCliTest {
    @TempDir
    Path work;

    @Test
    void passingRunExitsZeroAndWritesJsonAndHtml() throws IOException {
        Path vectors = TestVectors.subset(work.resolve("vectors"), Set.of("rans-q2-45x29.huvr", "codec-model-mismatch.huvr"));
        Path report = work.resolve("report");
        assertEquals(0, ConformanceRunner.mainExitCode(new String[] {"--vectors", vectors.toString(), "--decoder", "lite",
                "--report", report.toString()}));
        var json = JsonParser.parseString(Files.readString(report.resolve(ReportWriter.JSON))).getAsJsonObject();
        assertTrue(json.get("passed").getAsBoolean());
        assertEquals(2, json.getAsJsonArray("results").size());
        assertTrue(json.getAsJsonArray("quality").get(0).getAsJsonObject().get("lpips").isJsonNull());
        String html = Files.readString(report.resolve(ReportWriter.HTML));
        assertTrue(html.contains("data:image/png;base64,"));
        assertTrue(html.contains("unavailable: no LPIPS weights given"));
        assertTrue(Files.isRegularFile(report.resolve("heatmaps/rans-q2-45x29.png")));
    }

    @Test
    void failingRunExitsOne() throws IOException {
        Path vectors = TestVectors.subset(work.resolve("vectors"), Set.of("container-bad-magic.huvr"));
        Path script = work.resolve("accept.sh");
        Files.writeString(script, "#!/bin/sh\nexit 0\n");
        script.toFile().setExecutable(true);
        assertEquals(1, ConformanceRunner.mainExitCode(new String[] {"--vectors", vectors.toString(), "--decoder",
                script + " {in} {out}", "--report", work.resolve("report").toString()}));
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, ConformanceRunner.mainExitCode(new String[] {"--vectors", "x"}));
        assertEquals(2, ConformanceRunner.mainExitCode(new String[] {"--vectors", "x", "--decoder", "lite", "--bogus", "1"}));
        assertEquals(2, ConformanceRunner.mainExitCode(new String[] {"--vectors", work.toString(), "--decoder", "lite"}));
        assertEquals(2, ConformanceRunner.mainExitCode(new String[] {"--vectors", "x", "--decoder", "cat {in}"}));
    }
}
