package io.huvr.conformance;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes a suite result as {@code results.json} and a self-contained {@code report.html}. */
public final class ReportWriter {
    public static final String JSON = "results.json";
    public static final String HTML = "report.html";

    private ReportWriter() {
    }

    public static void write(SuiteResult result, Manifest manifest, Path vectors, Path reportDir) throws IOException {
        write(result, manifest, vectors, reportDir, null);
    }

    /** As {@link #write(SuiteResult, Manifest, Path, Path)}, with the quality report of the reference codec. */
    public static void write(SuiteResult result, Manifest manifest, Path vectors, Path reportDir,
                             List<QualityReport.Entry> quality) throws IOException {
        Files.createDirectories(reportDir);
        var gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();
        JsonObject json = gson.toJsonTree(result).getAsJsonObject();
        json.addProperty("passed", result.passed());
        json.addProperty("failures", result.failures());
        if (quality != null) {
            json.add("quality", gson.toJsonTree(quality));
        }
        Files.writeString(reportDir.resolve(JSON), gson.toJson(json) + "\n");
        Files.writeString(reportDir.resolve(HTML), html(result, manifest, vectors, reportDir, quality));
    }

    private static String html(SuiteResult result, Manifest manifest, Path vectors, Path reportDir,
                               List<QualityReport.Entry> quality) throws IOException {
        Map<String, String> descriptions = new HashMap<>();
        Map<String, String> references = new HashMap<>();
        manifest.valid().forEach(v -> {
            descriptions.put(v.file(), v.exercises());
            references.put(v.file(), v.reference());
        });
        manifest.invalid().forEach(v -> descriptions.put(v.file(), v.rejection() + ": " + v.description()));
        StringBuilder page = new StringBuilder("""
                <!DOCTYPE html>
                <html><head><meta charset="utf-8"><title>huvr conformance</title><style>
                body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}
                td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;font-size:13px}
                .pass{background:#e6f4e6}.fail{background:#fbe3e3}
                img{image-rendering:pixelated;max-width:240px;min-height:16px;border:1px solid #888}
                </style></head><body>
                """);
        page.append("<h1>huvr conformance: ").append(escape(result.decoder())).append("</h1>\n<p>")
                .append(result.results().size() - result.failures()).append(" of ").append(result.results().size())
                .append(" vectors passed. Vectors: ").append(escape(result.vectors())).append(", model SHA-256 ")
                .append(manifest.modelSha256()).append(". Tolerance per channel, in 8-bit units: RMSE &le; ")
                .append(result.tolerance().maxRmse()).append(", peak &le; ").append(result.tolerance().maxPeak())
                .append(". Heat maps: black exact, red half the peak tolerance, yellow the tolerance, white twice it.</p>\n")
                .append("<table><tr><th>vector</th><th>verdict</th><th>ms</th><th>RMSE R/G/B or grey</th><th>peak R/G/B or grey</th>")
                .append("<th>output</th><th>reference</th><th>error</th></tr>\n");
        for (VectorResult r : result.results()) {
            page.append("<tr class=\"").append(r.passed() ? "pass" : "fail").append("\"><td><b>")
                    .append(escape(r.file())).append("</b><br>").append(escape(descriptions.getOrDefault(r.file(), "")))
                    .append("</td><td>").append(r.passed() ? "PASS" : "FAIL").append("<br>").append(escape(r.reason()))
                    .append("</td><td>").append(r.millis()).append("</td><td>").append(channels(r.rmse()))
                    .append("</td><td>").append(channels(r.peak())).append("</td><td>")
                    .append(image(r.output() == null ? null : reportDir.resolve(r.output()))).append("</td><td>")
                    .append(image(references.containsKey(r.file()) ? vectors.resolve(references.get(r.file())) : null))
                    .append("</td><td>").append(image(r.heatMap() == null ? null : reportDir.resolve(r.heatMap())))
                    .append("</td></tr>\n");
        }
        page.append("</table>\n");
        if (quality != null) {
            page.append("<h2>Reference codec quality against the originals</h2>\n<table><tr><th>vector</th>")
                    .append("<th>PSNR dB</th><th>SSIM RGB</th><th>SSIM luma</th><th>MS-SSIM</th><th>LPIPS</th></tr>\n");
            for (QualityReport.Entry q : quality) {
                page.append("<tr><td>").append(escape(q.file())).append("</td><td>").append(number(q.psnrRgb()))
                        .append("</td><td>").append(number(q.ssimRgb())).append("</td><td>").append(number(q.ssimLuma()))
                        .append("</td><td>").append(number(q.msssimRgb())).append("</td><td>")
                        .append(q.lpips() == null ? escape(q.lpipsNote()) : number(q.lpips())).append("</td></tr>\n");
            }
            page.append("</table><p>Undefined values (n/a): SSIM needs 7 px a side, MS-SSIM 112 px.</p>\n");
        }
        return page.append("</body></html>\n").toString();
    }

    /** Per-channel values, R / G / B or the one grey value. */
    private static String channels(double[] values) {
        return values == null ? "" : Arrays.stream(values).mapToObj(v -> String.format("%.3f", v))
                .collect(Collectors.joining(" / "));
    }

    private static String number(Double value) {
        return value == null ? "n/a" : String.format("%.4f", value);
    }

    private static String image(Path png) throws IOException {
        if (png == null || !Files.isRegularFile(png)) {
            return "";
        }
        return "<img alt=\"\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(Files.readAllBytes(png)) + "\">";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
